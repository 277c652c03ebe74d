// The test opens each page with the API's origin and a publishable key in the query.
const query = new URLSearchParams(location.search);
export const apiBase = query.get('api') ?? 'http://127.0.0.1:8787';
export const publishableKey = query.get('key') ?? '';
export const campaign = 'beirut-er-2026';
