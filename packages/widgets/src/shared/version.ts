/** Version of this copy of the widgets; `defineElement` compares it when a tag is already taken. Kept equal to package.json by build.mjs. */
export const VERSION = '0.1.0';
