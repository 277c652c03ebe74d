// A tiny fetch stub for deterministic story states. Stories only: element tests run against the
// real demo server. Bodies are typed with the contract's own types.
import { type Campaign, createMahjarClient, type Donation, type MahjarClient, type Problem } from '@mahjar/sdk';

export const campaign: Campaign = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  slug: 'beirut-er-2026',
  organiserSlug: 'ilma',
  title: { en: 'Beirut emergency rooms 2026', ar: 'غرف الطوارئ في بيروت 2026', fr: 'Urgences de Beyrouth 2026' },
  summary: {
    en: 'Monitors, ventilators and trauma kits for three public hospitals.',
    ar: 'أجهزة مراقبة وتنفّس اصطناعي وحقائب إسعاف لثلاثة مستشفيات حكومية.',
    fr: 'Moniteurs, respirateurs et kits de traumatologie pour trois hôpitaux publics.',
  },
  goalAmount: 25_000_000,
  currency: 'USD',
  raisedAmount: 8_734_500,
  donorCount: 412,
  priorityArea: 'emergency-preparedness',
  startsOn: '2026-09-01',
  endsOn: null,
  status: 'active',
  checkoutMode: 'hosted',
  linkOutUrl: null,
  presetAmounts: [2_500, 5_000, 10_000, 25_000],
  allowMonthly: true,
};

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

export type StubState = 'loading' | 'ready' | 'closed' | 'link-out' | 'not-found' | 'network';

/** A client whose "server" answers with `state`. */
export function stubClient(state: StubState): MahjarClient {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (state === 'loading') return new Promise(() => {});
    if (state === 'network') throw new TypeError('Failed to fetch');
    if (state === 'not-found')
      return json(
        {
          type: 'https://mahjar.dev/problems/not-found',
          title: 'Not found',
          status: 404,
          detail: 'No such campaign.',
        } satisfies Problem,
        404,
        'application/problem+json',
      );
    if (request.method === 'POST') {
      const donation: Partial<Donation> = {
        id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6f',
        redirectUrl: 'https://example.org/checkout',
      };
      return json(donation, 201);
    }
    if (state === 'closed')
      return json({ ...campaign, slug: 'insulin-access-2026', status: 'closed', raisedAmount: 19_100_000 });
    if (state === 'link-out')
      return json({
        ...campaign,
        checkoutMode: 'link_out',
        linkOutUrl: 'https://www.redcross.org.lb/',
        presetAmounts: [],
        allowMonthly: false,
      });
    return json(campaign);
  };
  return createMahjarClient({
    baseUrl: 'https://demo.mahjar.dev',
    publishableKey: 'pk_demo_ilma',
    fetch,
    retry: false,
  });
}
