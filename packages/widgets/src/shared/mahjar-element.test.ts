import type { Problem } from '@mahjar/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import '../mahjar-provider.js';
import { defineElement } from './define.js';
import { currencyDigits, formatMoney, localText, parseAmount, pick } from './localize.js';
import { MahjarElement } from './mahjar-element.js';
import { sharedStringsOnly } from './shared-strings.js';

/** The smallest real element: shows one shared string and the resolved language. */
class MahjarProbe extends MahjarElement {
  protected static override strings = sharedStringsOnly; // no strings of its own
  override render() {
    return this.frame(`${this.common.retry}|${this.intl}`);
  }
  text() {
    return this.shadowRoot!.querySelector('.root')!.textContent!;
  }
  root() {
    return this.shadowRoot!.querySelector<HTMLElement>('.root')!;
  }
  describe(p: Problem) {
    return this.problemText(p);
  }
}
defineElement('mahjar-probe', MahjarProbe);

const probe = async (t: ReturnType<typeof html>) => {
  const wrap = await fixture<HTMLElement>(t);
  const el = (wrap.matches('mahjar-probe') ? wrap : wrap.querySelector('mahjar-probe')) as MahjarProbe;
  await el.updateComplete;
  return el;
};

describe('locale resolution', () => {
  it('uses its own locale attribute first', async () => {
    const el = await probe(
      html`<mahjar-provider locale="ar"><div lang="en"><mahjar-probe locale="fr"></mahjar-probe></div></mahjar-provider>`,
    );
    expect(el.text()).to.equal('Réessayer|fr');
  });

  it('then the provider', async () => {
    const el = await probe(
      html`<div lang="fr"><mahjar-provider locale="ar"><mahjar-probe></mahjar-probe></mahjar-provider></div>`,
    );
    expect(el.text()).to.equal('حاول مرة أخرى|ar');
  });

  it('then the nearest lang, keeping the region for Intl', async () => {
    const el = await probe(html`<div lang="fr-CA"><section><mahjar-probe></mahjar-probe></section></div>`);
    expect(el.text()).to.equal('Réessayer|fr-CA');
  });

  it('falls back to English for a language we do not ship', async () => {
    const el = await probe(html`<div lang="de-DE"><mahjar-probe></mahjar-probe></div>`);
    expect(el.text()).to.equal('Try again|en');
  });

  it('finds lang through a shadow root', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="ar"></div>`);
    const inner = host.attachShadow({ mode: 'open' });
    inner.innerHTML = '<mahjar-probe></mahjar-probe>';
    const el = inner.querySelector('mahjar-probe') as MahjarProbe;
    await el.updateComplete;
    expect(el.text()).to.equal('حاول مرة أخرى|ar');
  });

  it('follows a locale change at runtime', async () => {
    const el = await probe(html`<mahjar-probe locale="en"></mahjar-probe>`);
    el.locale = 'fr';
    await el.updateComplete;
    expect(el.text()).to.equal('Réessayer|fr');
  });
});

describe('direction', () => {
  it('lays Arabic out right to left without touching the host', async () => {
    const el = await probe(html`<mahjar-probe locale="ar"></mahjar-probe>`);
    expect(el.root().dir).to.equal('rtl');
    expect(el.root().lang).to.equal('ar');
    expect(getComputedStyle(el.root()).direction).to.equal('rtl');
    expect(el.hasAttribute('dir')).to.be.false;
  });

  it('lays English and French out left to right, even on an RTL page', async () => {
    const el = await probe(html`<div dir="rtl"><mahjar-probe locale="fr"></mahjar-probe></div>`);
    expect(getComputedStyle(el.root()).direction).to.equal('ltr');
  });
});

describe('localisation is per element', () => {
  it('keeps two elements in two languages apart', async () => {
    const wrap = await fixture<HTMLElement>(html`<div>
      <mahjar-probe locale="ar"></mahjar-probe><mahjar-probe locale="fr"></mahjar-probe><mahjar-probe locale="en"></mahjar-probe>
    </div>`);
    const [ar, fr, en] = [...wrap.querySelectorAll('mahjar-probe')] as MahjarProbe[];
    await Promise.all([ar!.updateComplete, fr!.updateComplete, en!.updateComplete]);
    expect([ar!.text(), fr!.text(), en!.text()]).to.deep.equal(['حاول مرة أخرى|ar', 'Réessayer|fr', 'Try again|en']);
    fr!.locale = 'ar';
    await fr!.updateComplete;
    expect([ar!.text(), fr!.text(), en!.text()]).to.deep.equal([
      'حاول مرة أخرى|ar',
      'حاول مرة أخرى|ar',
      'Try again|en',
    ]);
  });

  it('leaves the page alone', async () => {
    await probe(html`<mahjar-probe locale="ar"></mahjar-probe>`);
    expect(document.documentElement.hasAttribute('dir')).to.be.false;
    expect(document.documentElement.lang).to.not.equal('ar');
  });
});

describe('problems', () => {
  it('translates by type and falls back to the title', async () => {
    const el = await probe(html`<mahjar-probe locale="fr"></mahjar-probe>`);
    const p = (type: string): Problem => ({ type, title: 'Server title', status: 400, detail: '' }) as Problem;
    expect(el.describe(p('https://mahjar.dev/problems/rate-limited'))).to.equal(
      'Trop de requêtes. Patientez un instant puis réessayez.',
    );
    expect(el.describe(p('https://mahjar.dev/problems/something-new'))).to.equal('Server title');
    expect(el.describe(p('https://elsewhere.example/problems/rate-limited'))).to.equal('Server title');
  });
});

describe('defineElement', () => {
  it('ignores a second definition of the same version and warns about another version', () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(() => defineElement('mahjar-probe', MahjarProbe)).not.to.throw();
      // A second copy of the same bundle: another class object, same version.
      expect(() => defineElement('mahjar-probe', class extends MahjarProbe {})).not.to.throw();
      expect(warnings).to.have.length(0);
      const Other = class extends MahjarProbe {
        static override version = '0.0.1-other';
      };
      expect(() => defineElement('mahjar-probe', Other)).not.to.throw();
      expect(warnings).to.have.length(1);
      expect(String(warnings[0]![0])).to.contain('mahjar-probe');
    } finally {
      console.warn = warn;
    }
  });
});

describe('Intl helpers', () => {
  it('formats minor units with the currency digits the API uses', () => {
    expect(formatMoney(2500, 'USD', 'en')).to.equal('$25');
    expect(formatMoney(2550, 'USD', 'en')).to.equal('$25.50');
    expect(formatMoney(2500, 'JPY', 'en')).to.equal('¥2,500');
    expect(formatMoney(1500, 'KWD', 'en')).to.equal('KWD\u00a01.500');
    // LBP: Intl shows no decimals, but the API counts piastres.
    expect(currencyDigits('LBP')).to.equal(2);
    expect(formatMoney(150_000_000, 'LBP', 'en')).to.contain('1,500,000');
    expect(formatMoney(2500, 'EUR', 'fr')).to.match(/^25\s€$/);
  });

  it('reads amounts typed in any of our locales', () => {
    const cases: [string, number, number][] = [
      ['25', 2, 2500],
      ['25.5', 2, 2550],
      ['25,50', 2, 2550],
      ['1,000', 2, 100000],
      ['1.000,50', 2, 100050],
      ['$ 1,234.56', 2, 123456],
      ['٢٥', 2, 2500],
      ['١٢٫٥', 2, 1250],
      ['1,000', 0, 1000],
      ['abc', 2, NaN],
      ['-5', 2, NaN],
      ['', 2, NaN],
    ];
    for (const [text, digits, minor] of cases) expect(parseAmount(text, digits), text).to.deep.equal(minor);
  });

  it('picks shipped languages and localised texts', () => {
    expect(['ar-LB', 'fr_FR', 'EN', 'de'].map(pick)).to.deep.equal(['ar', 'fr', 'en', 'en']);
    expect(localText({ en: 'Hi', ar: 'مرحبا' }, 'fr')).to.deep.equal({ text: 'Hi', lang: 'en' });
    expect(localText({ en: 'Hi', fr: 'Salut' }, 'ar')).to.deep.equal({ text: 'Salut', lang: 'fr' });
    expect(localText({ ar: 'مرحبا' }, 'en')).to.deep.equal({ text: 'مرحبا', lang: 'ar' });
  });
});
