import {
  createMahjarClient,
  type MahjarClient,
  type Problem,
  type Professional,
  type ProfessionalCard,
  type ProfessionalSearchResult,
} from '@mahjar/sdk';
import type { MahjarSpecialistDirectory } from '@mahjar/widgets';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/specialist-directory';

// Deterministic answers for each state (element tests run against the real server instead).
const people: Professional[] = [
  {
    id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34',
    title: 'dr',
    profession: 'physician',
    givenName: 'Rania',
    familyName: 'Haddad',
    givenNameAr: 'رانيا',
    familyNameAr: 'حداد',
    specialties: ['cardiology'],
    country: 'CA',
    city: 'Montréal',
    languages: ['ar', 'en', 'fr'],
    chapters: ['ilma-canada'],
    offers: [
      { kind: 'mentoring', availability: 'Two hours a month, evenings' },
      { kind: 'telehealth', availability: 'Tuesday mornings' },
    ],
    affiliations: [{ institution: 'McGill University Health Centre', role: 'Associate Professor' }],
    bio: 'Interventional cardiologist; happy to mentor residents applying abroad. https://example.org/rania',
    joinedAt: '2025-09-04T09:30:00Z',
  },
  {
    id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    title: 'prof',
    profession: 'physician',
    givenName: 'Karim',
    familyName: 'Nassar',
    givenNameAr: 'كريم',
    familyNameAr: 'نصار',
    specialties: ['paediatric-oncology'],
    country: 'FR',
    city: 'Paris',
    languages: ['ar', 'fr'],
    chapters: ['amlf'],
    offers: [{ kind: 'teaching', availability: 'One CME webinar a quarter' }],
    joinedAt: '2024-02-11T10:00:00Z',
  },
  {
    id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    profession: 'nurse',
    givenName: 'Maya',
    familyName: 'Khoury',
    specialties: ['critical-care'],
    country: 'AU',
    languages: ['en'],
    chapters: ['alma-australia'],
    offers: [{ kind: 'return_placement', availability: 'Four weeks each summer' }],
    joinedAt: '2026-01-20T08:00:00Z',
  },
];
const hostile: Professional = {
  id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  givenName: `<script>alert(1)</script>${'W'.repeat(5000)}`,
  familyName: '\u202Eevil\u202C',
  city: '<b>Beirut</b>',
  specialties: ['cardiology'],
  country: 'LB',
  bio: 'javascript:alert(1) <img src=x onerror=alert(1)> https://example.org/ok',
  joinedAt: '2026-01-01T00:00:00Z',
};
const card = ({ bio: _b, joinedAt: _j, affiliations: _a, ...c }: Professional): ProfessionalCard => c;
const facets = (list: Professional[]): ProfessionalSearchResult['facets'] => {
  const count = (values: (string | undefined)[]) =>
    Object.entries(
      values.reduce<Record<string, number>>((m, v) => {
        if (v) m[v] = (m[v] ?? 0) + 1;
        return m;
      }, {}),
    )
      .map(([value, n]) => ({ value, count: n * 37 }))
      .sort((a, b) => b.count - a.count);
  return {
    specialty: count(list.flatMap((p) => p.specialties ?? [])),
    country: count(list.map((p) => p.country)),
    city: count(list.map((p) => p.city)),
    language: count(list.flatMap((p) => p.languages ?? [])),
    offer: count(list.flatMap((p) => p.offers?.map((o) => o.kind) ?? [])),
    chapter: count(list.flatMap((p) => p.chapters ?? [])),
  };
};
const names = {
  specialties: [
    ['cardiology', 'Cardiology', 'أمراض القلب', 'Cardiologie'],
    ['paediatric-oncology', 'Paediatric oncology', 'أورام الأطفال', 'Oncologie pédiatrique'],
    ['critical-care', 'Critical care', 'العناية المركزة', 'Soins intensifs'],
  ],
  offers: [
    ['mentoring', 'Mentoring', 'الإرشاد', 'Mentorat'],
    ['telehealth', 'Telehealth', 'الطب عن بعد', 'Télésanté'],
    ['teaching', 'Teaching / CME', 'التعليم الطبي المستمر', 'Enseignement / FMC'],
    ['return_placement', 'Return placement', 'عودة مؤقتة', 'Mission de retour'],
  ],
};
const chapters = [
  ['ilma-canada', 'ILMA Canada', 'الجمعية الطبية اللبنانية الكندية', 'ILMA Canada'],
  ['amlf', 'AMLF', 'الجمعية الطبية اللبنانية الفرنسية', 'Association médicale libano-française'],
  ['alma-australia', 'ALMA Australia', 'الجمعية الطبية اللبنانية الأسترالية', 'ALMA Australie'],
];
const taxonomy = (rows: string[][]) => ({
  items: rows.map(([code, en, ar, fr]) => ({ code, name: { en, ar, fr }, parentCode: null })),
});

const byCode = (rows: string[][]) => Object.fromEntries(rows.map(([code, en, ar, fr]) => [code, { en, ar, fr }]));

type State = 'loading' | 'ready' | 'empty' | 'network' | 'hostile';
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

function stub(state: State): MahjarClient {
  const list = state === 'hostile' ? [hostile, ...people] : people;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(new Request(input, init).url);
    if (url.pathname.endsWith('/specialties')) return json(taxonomy(names.specialties));
    if (url.pathname.endsWith('/offer-kinds')) return json(taxonomy(names.offers));
    if (url.pathname.endsWith('/organisations'))
      return json({ items: chapters.map(([slug, en, ar, fr]) => ({ slug, name: { en, ar, fr } })), nextCursor: null });
    if (state === 'loading') return new Promise(() => {});
    if (state === 'network')
      return json(
        { type: 'https://mahjar.dev/problems/network', title: 'Network error', status: 503 } satisfies Problem,
        503,
        'application/problem+json',
      );
    const id = /\/v1\/professionals\/([^/]+)$/.exec(url.pathname)?.[1];
    if (id) return json(list.find((p) => p.id === id));
    const items = state === 'empty' ? [] : list;
    const result: ProfessionalSearchResult = {
      items: items.map(card),
      facets: facets(items),
      facetsExact: true,
      total: items.length * 37,
      nextCursor: items.length ? 'next' : null,
      // the names of the codes shown, as the server sends them with every answer
      labels: {
        specialty: byCode(names.specialties),
        offer: byCode(names.offers),
        chapter: byCode(chapters),
      },
    };
    return json(result);
  };
  return createMahjarClient({
    baseUrl: 'https://demo.mahjar.dev',
    publishableKey: 'pk_demo_moph-lebanon',
    fetch,
    retry: false,
  });
}

interface Args {
  state: State;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
  layout: 'cards' | 'list';
  profile: boolean;
}

/**
 * `<mahjar-specialist-directory>`: instant search, facets, results, the profile dialog and the
 * contact form. Each story answers from a stub, so every state is deterministic.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-specialist-directory',
  component: 'mahjar-specialist-directory',
  args: { state: 'ready', locale: 'en', theme: 'light', layout: 'cards', profile: false },
  argTypes: {
    state: { control: 'select', options: ['loading', 'ready', 'empty', 'network', 'hostile'] },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    layout: { control: 'inline-radio', options: ['cards', 'list'] },
  },
  render: ({ state, locale, theme, layout }) => html`
    <mahjar-provider .client=${stub(state)} locale=${locale} theme=${theme}>
      <mahjar-specialist-directory layout=${layout}></mahjar-specialist-directory>
    </mahjar-provider>
  `,
  play: async ({ canvasElement, args }) => {
    if (!args.profile) return;
    const el = canvasElement.querySelector<MahjarSpecialistDirectory>('mahjar-specialist-directory')!;
    await el.updateComplete;
    await el.profile.open(args.state === 'hostile' ? hostile.id : people[0]!.id, false);
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Loading: Story = { args: { state: 'loading' } };
export const Ready: Story = {};
export const CompactList: Story = { args: { layout: 'list' } };
export const Empty: Story = { args: { state: 'empty' } };
export const NetworkError: Story = { args: { state: 'network' } };
export const Profile: Story = { args: { profile: true } };
export const HostileData: Story = { name: 'Hostile profile data', args: { state: 'hostile' } };
export const HostileProfile: Story = { name: 'Hostile profile (dialog)', args: { state: 'hostile', profile: true } };
export const French: Story = { args: { locale: 'fr' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { locale: 'ar' } };
export const ArabicProfile: Story = { name: 'Arabic profile (RTL)', args: { locale: 'ar', profile: true } };
export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [(story) => html`<div style="background: #0d0f12; padding: 1rem">${story()}</div>`],
};
