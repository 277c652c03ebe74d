import { type AdminProfessional, createMahjarClient, type MahjarClient, type MemberGift } from '@mahjar/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/member-account';

type State = 'signed-out' | 'sent' | 'link-invalid' | 'signed-in' | 'saved' | 'stop-gift' | 'delete' | 'deleted';

interface Args {
  state: State;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
}

const API = 'https://api.example.org';
const KEY = 'pk_story';
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const profile: AdminProfessional = {
  id: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34',
  status: 'verified',
  title: 'dr',
  profession: 'physician',
  givenName: 'Rania',
  familyName: 'Haddad',
  givenNameAr: 'رانيا',
  familyNameAr: 'حداد',
  email: 'rania.haddad@example.org',
  specialties: ['cardiology'],
  country: 'US',
  city: 'Houston',
  affiliations: [{ institution: 'Baylor College of Medicine', role: 'Associate Professor' }],
  credentials: [],
  languages: ['ar', 'en', 'fr'],
  medicalSchool: { name: 'American University of Beirut', country: 'LB', graduationYear: 2008 },
  chapters: ['ilma-usa'],
  offers: [{ kind: 'mentoring', availability: 'Two evenings a month' }],
  visibility: {
    title: 'public',
    profession: 'public',
    givenName: 'public',
    familyName: 'public',
    givenNameAr: 'public',
    familyNameAr: 'public',
    specialties: 'public',
    country: 'public',
    city: 'members',
    affiliations: 'members',
    credentials: 'ministry',
    languages: 'public',
    medicalSchool: 'members',
    chapters: 'public',
    offers: 'public',
    bio: 'members',
  },
  consent: {
    id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
    professionalId: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34',
    noticeVersion: '2026-07',
    noticeHash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    locale: 'en',
    sourceSite: 'https://ilma-usa.example.org/join',
    permissions: { ministries: ['moph-lebanon'], listed: true, transferAbroad: true, newsletter: false },
    visibility: {},
    createdAt: '2026-09-01T12:03:00Z',
  },
  joinedAt: '2026-09-01T12:03:00Z',
  reviewNote: null,
} as AdminProfessional;

const gift: MemberGift = {
  id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  campaignSlug: 'mental-health-lines',
  campaignTitle: { en: 'Mental health lines', ar: 'خطوط الدعم النفسي', fr: 'Lignes d’écoute en santé mentale' },
  amount: 2500,
  currency: 'USD',
  startedAt: '2026-09-01T10:00:00Z',
  monthsPaid: 3,
  endedAt: null,
  cancelError: null,
};

const organisations = [
  { slug: 'ilma-usa', kind: 'chapter', name: { en: 'ILMA-USA' } },
  { slug: 'alma', kind: 'chapter', name: { en: 'ALMA (Australia)', ar: 'ألما (أستراليا)' } },
  {
    slug: 'moph-lebanon',
    kind: 'ministry',
    name: {
      en: 'Ministry of Public Health (Lebanon)',
      ar: 'وزارة الصحة العامة (لبنان)',
      fr: 'Ministère de la Santé publique (Liban)',
    },
  },
];

/** A stub "server" for deterministic stories (element tests use the real one). */
function stub(state: State): MahjarClient {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    const problem = (type: string, status: number, title: string) =>
      json({ type: `https://mahjar.dev/problems/${type}`, title, status }, status, 'application/problem+json');
    if (pathname === '/v1/members/sign-in') return json({ expiresInSeconds: 900 }, 202);
    if (pathname === '/v1/members/sessions' && request.method === 'POST')
      return problem('sign-in-link-invalid', 400, 'This sign-in link has expired or was already used.');
    if (pathname === '/v1/members/me' && request.method === 'GET')
      return json({
        professionalId: profile.id,
        email: profile.email,
        givenName: profile.givenName,
        familyName: profile.familyName,
        status: profile.status,
        sessionExpiresAt: '2099-01-01T00:00:00Z',
      });
    if (pathname === '/v1/members/me' && request.method === 'DELETE') return new Response(null, { status: 204 });
    if (pathname === '/v1/members/me/profile') return json(profile);
    if (pathname === '/v1/members/me/gifts') return json({ items: [gift] });
    if (pathname.startsWith('/v1/organisations')) return json({ items: organisations, nextCursor: null });
    if (pathname === '/v1/taxonomies/specialties')
      return json({
        items: [
          { code: 'cardiology', name: { en: 'Cardiology', ar: 'أمراض القلب', fr: 'Cardiologie' }, parentCode: null },
        ],
      });
    if (pathname === '/v1/taxonomies/priority-areas') return json({ items: [] });
    return problem('not-found', 404, 'Not found');
  };
  return createMahjarClient({ baseUrl: API, publishableKey: KEY, fetch, retry: false });
}

/**
 * `<mahjar-member-account>`: signed out, a link asked for, a spent link, and the signed-in account
 * (with a save, a gift to stop, the deletion to confirm), against a stub server.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-member-account',
  component: 'mahjar-member-account',
  args: { state: 'signed-out', locale: 'en', theme: 'light' },
  argTypes: {
    state: {
      control: 'select',
      options: ['signed-out', 'sent', 'link-invalid', 'signed-in', 'saved', 'stop-gift', 'delete', 'deleted'],
    },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ state, locale, theme }) => {
    const storage = `mahjar-member:${API}:${KEY}`;
    const signedIn = !['signed-out', 'sent', 'link-invalid'].includes(state);
    if (signedIn)
      localStorage.setItem(storage, JSON.stringify({ token: 'ms_story', expiresAt: '2099-01-01T00:00:00Z' }));
    else localStorage.removeItem(storage);
    history.replaceState(history.state, '', state === 'link-invalid' ? '#mahjar-sign-in=ml_storystorystory' : '#');
    // States reached by an action: press the button once the element is ready.
    const press: Partial<Record<State, string>> = {
      sent: '[part="submit"]',
      saved: 'form [part="submit"]',
      'stop-gift': '.gifts [part="danger"]',
      delete: 'section:last-of-type [part="danger"]',
      deleted: 'section:last-of-type [part="danger"]',
    };
    if (press[state])
      setTimeout(async () => {
        const root = document.querySelector('mahjar-member-account')?.shadowRoot;
        if (state === 'sent') {
          const input = root?.querySelector<HTMLInputElement>('#email');
          if (input) input.value = 'rania.haddad@example.org';
          input?.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        }
        root?.querySelector<HTMLElement>(press[state]!)?.click();
        if (state === 'deleted') {
          await new Promise((resolve) => setTimeout(resolve, 100));
          root?.querySelector<HTMLElement>('dialog [part="danger"]')?.click();
        }
      }, 600);
    return html`<div style="max-inline-size: 44rem">
      <mahjar-provider .client=${stub(state)} api-base=${API} publishable-key=${KEY} locale=${locale} theme=${theme}>
        <mahjar-member-account notice-url="https://ilma.example.org/privacy"></mahjar-member-account>
      </mahjar-provider>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;
export const SignedOut: Story = { name: 'Signed out' };
export const LinkSent: Story = { name: 'Link sent', args: { state: 'sent' } };
export const LinkInvalid: Story = { name: 'Spent or forged link', args: { state: 'link-invalid' } };
export const SignedIn: Story = { name: 'Signed in', args: { state: 'signed-in' } };
export const Saved: Story = { args: { state: 'saved' } };
export const StopGift: Story = { name: 'Stopping a monthly gift', args: { state: 'stop-gift' } };
export const Delete: Story = { name: 'Deleting the account', args: { state: 'delete' } };
export const Deleted: Story = { args: { state: 'deleted' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { state: 'signed-in', locale: 'ar' } };
export const French: Story = { args: { state: 'signed-in', locale: 'fr' } };
export const Dark: Story = {
  args: { theme: 'dark', state: 'signed-in' },
  parameters: { backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #0d0f12; padding: 1rem">${story()}</div>`],
};
