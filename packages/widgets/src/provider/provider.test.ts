import { createMahjarClient } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { demoServer } from '../../test/demo.js';
import type { MahjarConfig } from '../shared/context.js';
import { defineElement } from '../shared/define.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { sharedStringsOnly } from '../shared/shared-strings.js';

/** Exposes what an element received from its provider. */
class MahjarConfigProbe extends MahjarElement {
  protected static override strings = sharedStringsOnly; // no strings of its own
  get config(): MahjarConfig | undefined {
    return this.providerConfig;
  }
  get apiClient() {
    return this.client;
  }
  override render() {
    return this.frame('');
  }
}
defineElement('mahjar-config-probe', MahjarConfigProbe);

/**
 * Whether the probe's client gets the campaign from the real demo server, and which URL it reached.
 * A public read needs a publishable key the server knows for this page's origin (a wrong one is
 * refused), so `ok` shows the client was built from the key it was given, and `url` the base.
 */
async function reach(el: MahjarConfigProbe): Promise<{ ok: boolean; url?: string }> {
  const { data, response } = await el.apiClient!.GET('/v1/campaigns/{slug}', {
    params: { path: { slug: 'beirut-er-2026' } },
  });
  return { ok: data?.slug === 'beirut-er-2026', ...(response ? { url: response.url } : {}) };
}

let demo: { url: string; publishableKey: string };
before(async function () {
  this.timeout(120_000);
  demo = await demoServer();
});

describe('mahjar-provider', () => {
  it('works even when defined after the elements inside it', async () => {
    // The provider is not registered yet: the probe's request goes unanswered until it is.
    const wrap =
      await fixture<HTMLElement>(html`<mahjar-provider api-base="https://api.example.org" publishable-key="pk_a">
      <mahjar-config-probe></mahjar-config-probe>
    </mahjar-provider>`);
    const el = wrap.querySelector('mahjar-config-probe') as MahjarConfigProbe;
    expect(el.config).to.be.undefined;
    await import('../mahjar-provider.js');
    await el.updateComplete;
    expect(el.config?.apiBase).to.equal('https://api.example.org');
  });

  it('shares its configuration and one client, built from its attributes, with every element inside', async () => {
    const wrap =
      await fixture<HTMLElement>(html`<mahjar-provider api-base=${demo.url} publishable-key=${demo.publishableKey} chapter="ilma-usa" locale="fr" theme="dark">
      <mahjar-config-probe></mahjar-config-probe><div><mahjar-config-probe></mahjar-config-probe></div>
    </mahjar-provider>`);
    const [a, b] = [...wrap.querySelectorAll('mahjar-config-probe')] as MahjarConfigProbe[];
    await a!.updateComplete;
    expect(a!.config).to.include({
      apiBase: demo.url,
      publishableKey: demo.publishableKey,
      chapter: 'ilma-usa',
      locale: 'fr',
      theme: 'dark',
    });
    expect(a!.apiClient).to.equal(b!.apiClient);
    const reached = await reach(a!);
    expect(reached.url?.startsWith(`${demo.url}/v1/campaigns/`)).to.be.true;
    expect(reached.ok).to.be.true;
    expect(a!.shadowRoot!.querySelector('.root')!.getAttribute('data-theme')).to.equal('dark');
  });

  it('updates the elements when its attributes change, the client included', async () => {
    const wrap = await fixture<HTMLElement>(
      html`<mahjar-provider locale="en" api-base=${demo.url} publishable-key="pk_demo_no-such-chapter"><mahjar-config-probe></mahjar-config-probe></mahjar-provider>`,
    );
    const el = wrap.querySelector('mahjar-config-probe') as MahjarConfigProbe;
    await el.updateComplete;
    expect((await reach(el)).ok).to.be.false;
    wrap.setAttribute('locale', 'ar');
    wrap.setAttribute('publishable-key', demo.publishableKey);
    await (wrap as unknown as MahjarElement).updateComplete;
    await el.updateComplete;
    expect(el.config?.locale).to.equal('ar');
    expect(el.shadowRoot!.querySelector('.root')!.getAttribute('dir')).to.equal('rtl');
    expect((await reach(el)).ok).to.be.true;
  });

  it("lets an element's own attributes win, its client included", async () => {
    const wrap =
      await fixture<HTMLElement>(html`<mahjar-provider api-base="http://127.0.0.1:9" publishable-key="pk_demo_no-such-chapter" theme="dark">
      <mahjar-config-probe api-base=${demo.url} publishable-key=${demo.publishableKey} theme="light"></mahjar-config-probe>
    </mahjar-provider>`);
    const el = wrap.querySelector('mahjar-config-probe') as MahjarConfigProbe;
    await el.updateComplete;
    const shared = (wrap as unknown as { client?: unknown }).client;
    expect(el.apiClient).to.exist.and.not.equal(shared);
    const reached = await reach(el);
    expect(reached.url?.startsWith(demo.url)).to.be.true;
    expect(reached.ok).to.be.true;
    expect(el.shadowRoot!.querySelector('.root')!.getAttribute('data-theme')).to.equal('light');
  });

  it('passes on a client given as a property', async () => {
    const client = createMahjarClient({ baseUrl: 'https://api.example.org' });
    const wrap = await fixture<HTMLElement & { client: unknown }>(
      html`<mahjar-provider .client=${client}><mahjar-config-probe></mahjar-config-probe></mahjar-provider>`,
    );
    const el = wrap.querySelector('mahjar-config-probe') as MahjarConfigProbe;
    await el.updateComplete;
    expect(el.apiClient).to.equal(client);
  });

  it('works without a provider, from attributes alone', async () => {
    const el = await fixture<MahjarConfigProbe>(
      html`<mahjar-config-probe api-base=${demo.url} publishable-key=${demo.publishableKey}></mahjar-config-probe>`,
    );
    expect(el.config).to.be.undefined;
    const reached = await reach(el);
    expect(reached.url?.startsWith(demo.url)).to.be.true;
    expect(reached.ok).to.be.true;
    const wrongKey = await fixture<MahjarConfigProbe>(
      html`<mahjar-config-probe api-base=${demo.url} publishable-key="pk_demo_no-such-chapter"></mahjar-config-probe>`,
    );
    expect((await reach(wrongKey)).ok).to.be.false;
  });
});
