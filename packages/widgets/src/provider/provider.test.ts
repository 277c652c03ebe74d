import { createMahjarClient } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import type { MahjarConfig } from '../shared/context.js';
import { defineElement } from '../shared/define.js';
import { MahjarElement } from '../shared/mahjar-element.js';
import { sharedStringsOnly } from '../shared/shared-strings.js';

/** Exposes what an element received from its provider. */
class MahjarConfigProbe extends MahjarElement {
  static override strings = sharedStringsOnly; // no strings of its own
  get config(): MahjarConfig | undefined {
    return this.cfg;
  }
  get apiClient() {
    return this.client;
  }
  override render() {
    return this.frame('');
  }
}
defineElement('mahjar-config-probe', MahjarConfigProbe);

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

  it('shares its configuration and one client with every element inside', async () => {
    const wrap =
      await fixture<HTMLElement>(html`<mahjar-provider api-base="https://api.example.org" publishable-key="pk_a" chapter="ilma-usa" locale="fr" theme="dark">
      <mahjar-config-probe></mahjar-config-probe><div><mahjar-config-probe></mahjar-config-probe></div>
    </mahjar-provider>`);
    const [a, b] = [...wrap.querySelectorAll('mahjar-config-probe')] as MahjarConfigProbe[];
    await a!.updateComplete;
    expect(a!.config).to.include({
      apiBase: 'https://api.example.org',
      publishableKey: 'pk_a',
      chapter: 'ilma-usa',
      locale: 'fr',
      theme: 'dark',
    });
    expect(a!.apiClient).to.exist;
    expect(a!.apiClient).to.equal(b!.apiClient);
    expect(a!.shadowRoot!.querySelector('.root')!.getAttribute('data-theme')).to.equal('dark');
  });

  it('updates the elements when its attributes change', async () => {
    const wrap = await fixture<HTMLElement>(
      html`<mahjar-provider locale="en"><mahjar-config-probe></mahjar-config-probe></mahjar-provider>`,
    );
    const el = wrap.querySelector('mahjar-config-probe') as MahjarConfigProbe;
    wrap.setAttribute('locale', 'ar');
    await (wrap as unknown as MahjarElement).updateComplete;
    await el.updateComplete;
    expect(el.config?.locale).to.equal('ar');
    expect(el.shadowRoot!.querySelector('.root')!.getAttribute('dir')).to.equal('rtl');
  });

  it("lets an element's own attributes win", async () => {
    const wrap = await fixture<HTMLElement>(html`<mahjar-provider api-base="https://a.example" theme="dark">
      <mahjar-config-probe api-base="https://b.example" theme="light"></mahjar-config-probe>
    </mahjar-provider>`);
    const el = wrap.querySelector('mahjar-config-probe') as MahjarConfigProbe;
    await el.updateComplete;
    const shared = (wrap as unknown as { client?: unknown }).client;
    expect(el.apiClient).to.exist.and.not.equal(shared);
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
      html`<mahjar-config-probe api-base="https://api.example.org" publishable-key="pk_b"></mahjar-config-probe>`,
    );
    expect(el.config).to.be.undefined;
    expect(el.apiClient).to.exist;
  });
});
