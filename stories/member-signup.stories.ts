import { createMahjarClient, type MahjarClient, type Specialty } from '@mahjar/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/member-signup';

const STEPS = ['identity', 'practice', 'background', 'offers', 'chapters', 'privacy', 'review'] as const;
type State = (typeof STEPS)[number] | 'errors' | 'network' | 'done' | 'verified';

interface Args {
  state: State;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
}

const specialties: Specialty[] = [
  { code: 'cardiology', name: { en: 'Cardiology', ar: 'أمراض القلب', fr: 'Cardiologie' }, parentCode: null },
  { code: 'oncology', name: { en: 'Oncology', ar: 'علم الأورام', fr: 'Oncologie' }, parentCode: null },
];
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** A stub "server" for deterministic stories (element tests use the real one). */
function stub(state: State): MahjarClient {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const { url, method } = new Request(input, init);
    if (state === 'network' && method === 'POST') throw new TypeError('Failed to fetch');
    if (url.includes('/taxonomies/specialties')) return json({ items: specialties });
    if (url.includes('/organisations'))
      return json({
        items: [
          { slug: 'ilma-usa', name: { en: 'ILMA-USA' } },
          { slug: 'alma', name: { en: 'ALMA (Australia)' } },
        ],
        nextCursor: null,
      });
    if (url.includes('/challenge'))
      return json({ token: 'ch_v1.story.sig', difficulty: 4, algorithm: 'sha256', expiresAt: '2099-01-01T00:00:00Z' });
    if (url.endsWith('/verify'))
      return json({ professionalId: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34', status: 'pending_review' });
    return json(
      {
        professionalId: '3f2c9a4e-8d1b-4e57-a0c6-5b7e9d2f1a34',
        status: 'pending_email',
        verificationExpiresAt: '2099-01-01T00:00:00Z',
      },
      202,
    );
  };
  return createMahjarClient({ baseUrl: 'https://api.example.org', publishableKey: 'pk_story', fetch, retry: false });
}

const answers = {
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
  languages: ['ar', 'en', 'fr'],
  affiliations: [{ institution: 'Baylor College of Medicine', role: 'Associate Professor' }],
  medicalSchool: { name: 'American University of Beirut', country: 'LB', graduationYear: '2008' },
  offers: { mentoring: { on: true, availability: 'Two evenings a month' } },
  chapters: ['ilma-usa'],
  visibility: { offers: 'public' },
};

/**
 * `<mahjar-member-signup>`: every step and state, from a draft stored the way the element stores it
 * (so the stories show real answers), against a stub server.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-member-signup',
  component: 'mahjar-member-signup',
  args: { state: 'identity', locale: 'en', theme: 'light' },
  argTypes: {
    state: { control: 'select', options: [...STEPS, 'errors', 'network', 'done', 'verified'] },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ state, locale, theme }) => {
    const id = `story-${state}-${locale}`;
    const step = STEPS.indexOf(state as (typeof STEPS)[number]);
    const d = state === 'identity' || state === 'errors' ? { email: 'not-an-address' } : answers;
    if (state === 'errors') d.email = 'not-an-address';
    localStorage.setItem(
      `mahjar-signup:ilma-usa:${id}`,
      JSON.stringify({ d, step: step < 0 ? (state === 'errors' ? 0 : 6) : step, key: 'story' }),
    );
    const u = new URL(location.href);
    u.searchParams.delete('mahjar-verify');
    if (state === 'verified') u.searchParams.set('mahjar-verify', 'ev_storystorystorystory');
    history.replaceState(history.state, '', u);
    // States reached by an action: press the step's button once the element is ready.
    if (state === 'errors' || state === 'done' || state === 'network')
      setTimeout(
        () => document.querySelector(`#${id}`)?.shadowRoot?.querySelector<HTMLElement>('[part="submit"]')?.click(),
        300,
      );
    return html`<div style="max-inline-size: 40rem">
      <mahjar-provider .client=${stub(state)} locale=${locale} theme=${theme} chapter="ilma-usa">
        <mahjar-member-signup id=${id} notice-url="https://ilma.example.org/privacy"></mahjar-member-signup>
      </mahjar-provider>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;
export const Identity: Story = {};
export const Practice: Story = { args: { state: 'practice' } };
export const Background: Story = { args: { state: 'background' } };
export const Offers: Story = { args: { state: 'offers' } };
export const Chapters: Story = { args: { state: 'chapters' } };
export const Privacy: Story = { name: 'Privacy and consent', args: { state: 'privacy' } };
export const Review: Story = { args: { state: 'review' } };
export const Errors: Story = { name: 'Invalid answers', args: { state: 'errors' } };
export const NetworkError: Story = { name: 'Network error at submit', args: { state: 'network' } };
export const Done: Story = { name: 'Check your e-mail', args: { state: 'done' } };
export const Verified: Story = { name: 'Address confirmed', args: { state: 'verified' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { state: 'privacy', locale: 'ar' } };
export const French: Story = { args: { state: 'review', locale: 'fr' } };
export const Dark: Story = {
  args: { theme: 'dark', state: 'privacy' },
  parameters: { backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #0d0f12; padding: 1rem">${story()}</div>`],
};
