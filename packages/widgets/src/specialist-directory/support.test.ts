// Shared by the directory's test files (named *.test.ts so the build leaves it out; it declares no tests).
import { createMahjarClient, type MahjarClient } from '@mahjar/sdk';
import { fixture, html } from '@open-wc/testing';
import { type DemoServer, demoServer, until } from '../../test/demo.js';
import '../mahjar-provider.js';
import '../mahjar-specialist-directory.js';
import type { MahjarSpecialistDirectory } from './specialist-directory.js';

export type D = MahjarSpecialistDirectory;
export let demo: DemoServer;
export async function setup(): Promise<DemoServer> {
  demo = await demoServer();
  return demo;
}

export const $ = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s);
export const $$ = <T extends Element = HTMLElement>(el: Element, s: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(s),
];
export const text = (el: Element | null) => el!.textContent!.replace(/\s+/g, ' ').trim();
export const names = (el: D) => $$(el, '[part="name"]').map(text);
/** Resolves when no request is under way and the results (or an error) are shown. */
export const settled = async (el: D) => {
  await until(() => !el.search.busy && el.search.status !== 'loading' && $(el, '.root[aria-busy="false"]'), 8000);
  await el.updateComplete;
};

/** The API the element talks to, for expected values. */
export const api = (): MahjarClient => createMahjarClient({ baseUrl: demo.url, publishableKey: demo.publishableKey });

/** Mounts a directory with attributes; `fetch` (optional) sits in front of the real server. */
export async function mount(attrs: Record<string, string> = {}, fetcher?: typeof fetch): Promise<D> {
  const el = document.createElement('mahjar-specialist-directory');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (fetcher) {
    const client = createMahjarClient({
      baseUrl: demo.url,
      publishableKey: demo.publishableKey,
      fetch: fetcher,
      retry: false,
    });
    const wrap = await fixture<HTMLElement>(html`<mahjar-provider .client=${client}>${el}</mahjar-provider>`);
    void wrap;
  } else {
    el.setAttribute('api-base', demo.url);
    el.setAttribute('publishable-key', demo.publishableKey);
    await fixture(html`<div>${el}</div>`);
  }
  await settled(el);
  return el;
}

/** Types into the search field as a visitor would (one input event per character). */
export async function type(el: D, value: string): Promise<void> {
  const input = $<HTMLInputElement>(el, '[part="search"]')!;
  input.value = '';
  for (const ch of value) {
    input.value += ch;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }
  await new Promise((r) => setTimeout(r, 60));
  await settled(el);
}

export const checkbox = (el: D, facet: string, value: string) =>
  $<HTMLInputElement>(el, `input[name="${facet}"][value="${CSS.escape(value)}"]`)!;
