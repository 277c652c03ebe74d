import { expect } from '@open-wc/testing';
import { countries } from './taxonomy.js';

/** The ISO 3166-1 alpha-2 codes as the form listed them when they were written in a row. */
const ISO_3166 =
  'ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW';

describe('countries', () => {
  it('lists every ISO 3166-1 country once, named and sorted in the reader’s language', () => {
    for (const locale of ['en', 'ar', 'fr']) {
      const listed = countries(locale);
      expect(
        listed
          .map(([code]) => code)
          .sort()
          .join(''),
      ).to.equal(ISO_3166);
      expect(listed.find(([code]) => code === 'LB')![1]).to.equal(
        new Intl.DisplayNames(locale, { type: 'region' }).of('LB'),
      );
      const names = listed.map(([, name]) => name);
      expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, locale)));
    }
  });
});
