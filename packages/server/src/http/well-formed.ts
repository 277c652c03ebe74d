/** JSON Pointer escaping (RFC 6901) of one property name. */
export const escapePointer = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

const NUL = '\u0000';

/**
 * Where `value` holds a string PostgreSQL refuses (a lone UTF-16 surrogate, or U+0000, which
 * neither `text` nor `jsonb` can store) — in a value or a property name — as a JSON Pointer, or
 * `undefined` when every string is well-formed. Iterative, so a deeply nested body cannot
 * overflow the stack; bounded by the body size limit.
 */
export function illFormedAt(value: unknown, base = ''): string | undefined {
  const stack: Array<[unknown, string]> = [[value, base]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (typeof node === 'string') {
      if (!node.isWellFormed() || node.includes(NUL)) return pointer;
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], `${pointer}/${i}`]);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (!key.isWellFormed() || key.includes(NUL)) return `${pointer}/${escapePointer(key.toWellFormed())}`;
        stack.push([child, `${pointer}/${escapePointer(key)}`]);
      }
    }
  }
  return undefined;
}
