import { createMahjarClient, type MahjarClient, type PublicNeed } from '@mahjar/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/needs-board';

type State =
  | 'board'
  | 'loading'
  | 'empty'
  | 'error'
  | 'more'
  | 'invited'
  | 'answered'
  | 'already'
  | 'invalid'
  | 'sign-in'
  | 'link-sent'
  | 'member';

interface Args {
  state: State;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
}

const API = 'https://api.example.org';
const KEY = 'pk_story';
const INVITED = '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const needs: PublicNeed[] = [
  {
    id: INVITED,
    organisationSlug: 'moph-lebanon',
    title: 'Tele-consultations in paediatric cardiology for Akkar',
    description: 'Weekly remote case reviews with the paediatric team of Halba Governmental Hospital.',
    specialty: 'paediatrics',
    subSpecialty: 'paediatric-cardiology',
    offerKinds: ['telehealth', 'mentoring'],
    place: { country: 'LB', city: 'Halba', facility: 'Halba Governmental Hospital' },
    remote: true,
    timeZone: 'Asia/Beirut',
    startsOn: '2026-11-01',
    endsOn: '2027-04-30',
    languages: ['ar', 'en'],
    priorityArea: 'maternal-child-health',
    people: 2,
    openedAt: '2026-10-03T09:00:00Z',
  },
  {
    id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f',
    organisationSlug: 'moph-lebanon',
    title: 'Emergency physicians for a four-week return placement',
    specialty: 'emergency-medicine',
    offerKinds: ['return_placement'],
    place: { country: 'LB', city: 'Beirut', facility: 'Rafik Hariri University Hospital' },
    remote: false,
    startsOn: '2027-01-04',
    endsOn: '2027-02-01',
    languages: ['ar'],
    priorityArea: 'emergency-preparedness',
    people: 4,
    openedAt: '2026-09-20T09:00:00Z',
  },
  {
    id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
    organisationSlug: 'moph-lebanon',
    title: 'Online teaching for psychiatry residents',
    specialty: 'psychiatry',
    offerKinds: ['teaching'],
    place: { country: 'LB' },
    remote: true,
    timeZone: 'Asia/Beirut',
    languages: ['ar', 'fr'],
    priorityArea: 'mental-health',
    people: 1,
    openedAt: '2026-09-02T09:00:00Z',
  },
];

const names = (en: string, ar: string, fr: string) => ({ en, ar, fr });
const specialties = [
  { code: 'paediatrics', name: names('Paediatrics', 'طب الأطفال', 'Pédiatrie'), parentCode: null },
  {
    code: 'paediatric-cardiology',
    name: names('Paediatric cardiology', 'قلب الأطفال', 'Cardiologie pédiatrique'),
    parentCode: 'paediatrics',
  },
  {
    code: 'emergency-medicine',
    name: names('Emergency medicine', 'طب الطوارئ', 'Médecine d’urgence'),
    parentCode: null,
  },
  { code: 'psychiatry', name: names('Psychiatry', 'الطب النفسي', 'Psychiatrie'), parentCode: null },
];
const areas = [
  {
    code: 'maternal-child-health',
    name: names('Maternal and child health', 'صحة الأم والطفل', 'Santé maternelle et infantile'),
  },
  {
    code: 'emergency-preparedness',
    name: names('Emergency preparedness', 'الجهوزية للطوارئ', 'Préparation aux urgences'),
  },
  { code: 'mental-health', name: names('Mental health', 'الصحة النفسية', 'Santé mentale') },
];

/** A stub "server" for deterministic stories (element tests use the real one). */
function stub(state: State): MahjarClient {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const problem = (type: string, status: number, title: string) =>
      json({ type: `https://mahjar.dev/problems/${type}`, title, status }, status, 'application/problem+json');
    if (url.pathname === '/v1/taxonomies/specialties') return json({ items: specialties });
    if (url.pathname === '/v1/taxonomies/priority-areas') return json({ items: areas });
    if (url.pathname === '/v1/needs') {
      if (state === 'loading') return new Promise<Response>(() => {});
      if (state === 'error') return problem('internal', 500, 'Internal error');
      if (state === 'empty') return json({ items: [], nextCursor: null });
      if (state === 'more' && !url.searchParams.has('cursor'))
        return json({ items: needs.slice(0, 2), nextCursor: 'djE6bW9yZQ' });
      return json({ items: state === 'more' ? needs.slice(2) : needs, nextCursor: null });
    }
    if (url.pathname === `/v1/needs/${INVITED}`) return json(needs[0]);
    if (url.pathname.endsWith('/answers') && request.method === 'POST') {
      if (state === 'invalid')
        return problem('need-invitation-invalid', 400, 'This invitation link is unknown or has expired.');
      const answer = { id: '8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b', needId: INVITED, needTitle: needs[0]!.title };
      return json(
        { ...answer, state: 'interested', message: null, createdAt: '2026-10-05T09:00:00Z' },
        state === 'already' ? 200 : 201,
      );
    }
    if (url.pathname === '/v1/members/sign-in') return json({ expiresInSeconds: 900 }, 202);
    return problem('not-found', 404, 'Not found');
  };
  return createMahjarClient({ baseUrl: API, publishableKey: KEY, fetch, retry: false });
}

/**
 * `<mahjar-needs-board>`: the ministry's open needs (loading, empty, failed, paged), an invitation's
 * link answered (thanks, already answered, a spent token), and "I can help" for a visitor who must
 * sign in first and for a signed-in member, against a stub server.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-needs-board',
  component: 'mahjar-needs-board',
  args: { state: 'board', locale: 'en', theme: 'light' },
  argTypes: {
    state: {
      control: 'select',
      options: [
        'board',
        'loading',
        'empty',
        'error',
        'more',
        'invited',
        'answered',
        'already',
        'invalid',
        'sign-in',
        'link-sent',
        'member',
      ],
    },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ state, locale, theme }) => {
    const session = `mahjar-member:${API}:${KEY}`;
    localStorage.removeItem(`mahjar-need-draft:${API}:${KEY}`);
    if (state === 'member')
      localStorage.setItem(session, JSON.stringify({ token: 'ms_story', expiresAt: '2099-01-01T00:00:00Z' }));
    else localStorage.removeItem(session);
    const invited = ['invited', 'answered', 'already', 'invalid'].includes(state);
    history.replaceState(
      history.state,
      '',
      invited ? `#mahjar-need=${INVITED}&mahjar-need-answer=ni_storystorystorystory` : '#',
    );
    // States reached by an action: act once the element is ready.
    setTimeout(async () => {
      const root = document.querySelector('mahjar-needs-board')?.shadowRoot;
      const click = (selector: string) => root?.querySelector<HTMLElement>(selector)?.click();
      const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
      const type = (selector: string, value: string) => {
        const field = root?.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
        if (!field) return;
        field.value = value;
        field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      };
      if (state === 'answered' || state === 'already' || state === 'invalid') {
        type('.featured textarea', 'I can give two evenings a week.');
        click('.featured [part="submit"]');
      }
      if (state === 'sign-in' || state === 'link-sent' || state === 'member') {
        click('[part="help"]');
        await pause();
        type('[data-answer] textarea', 'I can give two evenings a week.');
        if (state !== 'member') click('[data-answer] [part="submit"]');
        if (state === 'link-sent') {
          await pause();
          type('[data-answer] input[type="email"]', 'rania.haddad@example.org');
          click('[data-answer] .sign-in [part="submit"]');
        }
      }
      if (state === 'more') click('[part="more"]');
    }, 600);
    return html`<div style="max-inline-size: 52rem">
      <mahjar-provider .client=${stub(state)} api-base=${API} publishable-key=${KEY} locale=${locale} theme=${theme}>
        <mahjar-needs-board><a href="https://moph.example.gov.lb/needs">The ministry’s needs</a></mahjar-needs-board>
      </mahjar-provider>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;
export const Board: Story = {};
export const Loading: Story = { args: { state: 'loading' } };
export const Empty: Story = { name: 'No open need', args: { state: 'empty' } };
export const Failed: Story = { args: { state: 'error' } };
export const More: Story = { name: 'More needs shown', args: { state: 'more' } };
export const Invited: Story = { name: 'Opened from an invitation', args: { state: 'invited' } };
export const Answered: Story = { name: 'Answered from an invitation', args: { state: 'answered' } };
export const Already: Story = { name: 'Answered before', args: { state: 'already' } };
export const Invalid: Story = { name: 'Spent or forged invitation', args: { state: 'invalid' } };
export const SignIn: Story = { name: 'Not signed in: asked to sign in', args: { state: 'sign-in' } };
export const LinkSent: Story = { name: 'Sign-in link sent', args: { state: 'link-sent' } };
export const Member: Story = { name: 'Signed-in member answering', args: { state: 'member' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { locale: 'ar' } };
export const ArabicInvited: Story = { name: 'Arabic, answered', args: { locale: 'ar', state: 'answered' } };
export const French: Story = { args: { locale: 'fr' } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
