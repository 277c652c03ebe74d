import type { Event as MahjarEvent, Problem, Registration } from '@mahjar/sdk';
import { createMahjarClient, type MahjarClient } from '@mahjar/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/event-calendar';

type State = 'loading' | 'ready' | 'empty' | 'network' | 'full' | 'registered' | 'waitlisted' | 'cancelled' | 'hostile';
interface Args {
  state: State;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
  view: 'month' | 'list';
  open: boolean;
}

// Deterministic October 2031 (stories only: element tests use the real server).
const base: MahjarEvent = {
  id: '7c1e4b2a-9f3d-4a6e-b8c5-1d2e3f4a5b6c',
  slug: 'ecg-interpretation-2031-10',
  organiserSlug: 'alma-australia',
  kind: 'webinar',
  status: 'scheduled',
  title: { en: 'ECG interpretation for primary care', ar: 'قراءة تخطيط القلب في الرعاية الأولية' },
  description: { en: 'A practical, case-based session for primary-care physicians in Lebanon.' },
  speakers: [{ name: 'Dr Rania Haddad', affiliation: 'Royal Prince Alfred Hospital' }],
  startsAt: '2031-10-14T08:00:00Z',
  endsAt: '2031-10-14T09:30:00Z',
  timeZone: 'Australia/Sydney',
  mode: 'online',
  location: null,
  capacity: 300,
  seatsLeft: 112,
  waitlistEnabled: true,
  registrationClosesAt: '2031-10-14T07:00:00Z',
  cmeCredits: 1.5,
  language: 'en',
  priorityArea: 'health-workforce',
  recordingUrl: null,
  cancellationReason: null,
};
const more: MahjarEvent[] = [
  {
    ...base,
    id: '7c1e4b2a-9f3d-4a6e-b8c5-1d2e3f4a5b6d',
    slug: 'mission-akkar-2031',
    organiserSlug: 'moph-lebanon',
    kind: 'medical_mission',
    title: { en: 'Surgical mission to Akkar', ar: 'بعثة جراحية إلى عكار' },
    startsAt: '2031-10-20T06:00:00Z',
    endsAt: '2031-10-24T14:00:00Z',
    timeZone: 'Asia/Beirut',
    mode: 'in_person',
    location: { venue: 'Halba Governmental Hospital', city: 'Halba', country: 'LB' },
    capacity: 25,
    seatsLeft: 4,
    cmeCredits: null,
    language: 'ar',
  },
  {
    ...base,
    id: '7c1e4b2a-9f3d-4a6e-b8c5-1d2e3f4a5b6e',
    slug: 'mental-health-2031',
    organiserSlug: 'ilma-usa',
    kind: 'cme_course',
    title: { en: 'Mental health first aid for clinicians', ar: 'الإسعافات الأولية النفسية للأطباء' },
    startsAt: '2031-10-14T23:00:00Z',
    endsAt: '2031-10-15T00:30:00Z',
    timeZone: 'America/New_York',
  },
];
const orgs = [
  ['alma-australia', 'ALMA Australia', 'الجمعية الطبية اللبنانية في أستراليا'],
  ['moph-lebanon', 'Ministry of Public Health', 'وزارة الصحة العامة'],
  ['ilma-usa', 'ILMA-USA', 'الجمعية الطبية اللبنانية - الولايات المتحدة'],
].map(([slug, en, ar]) => ({ slug, name: { en, ar } }));
const areas = [{ code: 'health-workforce', name: { en: 'Health workforce', ar: 'القوى العاملة الصحية' } }];

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' },
  });
const problem = (type: string, status: number): Problem => ({
  type: `https://mahjar.dev/problems/${type}`,
  title: type,
  status,
});

function stub(state: State): MahjarClient {
  const first =
    state === 'full'
      ? { ...base, seatsLeft: 0, waitlistEnabled: false }
      : state === 'cancelled'
        ? { ...base, status: 'cancelled' as const, cancellationReason: { en: 'The speaker is deployed on a mission.' } }
        : state === 'hostile'
          ? { ...base, title: { en: '<img src=x onerror=alert(1)> "Hostile" </script>' } }
          : base;
  const events = state === 'empty' ? [] : [first, ...more];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const r = new Request(input, init);
    const path = new URL(r.url).pathname;
    if (state === 'loading') return new Promise(() => {});
    if (state === 'network') throw new TypeError('Failed to fetch');
    if (path.endsWith('/organisations')) return json({ items: orgs, nextCursor: null });
    if (path.endsWith('/priority-areas')) return json({ items: areas });
    if (r.method === 'POST') {
      const reg: Partial<Registration> = {
        id: '5e6f7a8b-1c2d-4e3f-9a0b-c1d2e3f4a5b6',
        eventId: base.id,
        status: state === 'waitlisted' ? 'waitlisted' : 'confirmed',
        waitlistPosition: state === 'waitlisted' ? 3 : null,
        email: 'rania.haddad@example.org',
        icsUrl: 'https://api.example.org/v1/registrations/5e6f/ics?token=ri_x',
      };
      return state === 'full' ? json(problem('event-full', 409), 409) : json(reg, 201);
    }
    if (/\/v1\/events\/[^/]+$/.test(path)) return json(events.find((e) => path.endsWith(e.id)) ?? first);
    return json({ items: events, nextCursor: null });
  };
  return createMahjarClient({ baseUrl: 'https://api.example.org', publishableKey: 'pk_test_story', fetch });
}

/**
 * `<mahjar-event-calendar>`: month grid and list, filters, details, registration, add to calendar.
 * The stories answer from a stub (October 2031, viewer in Beirut) so each state is deterministic.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-event-calendar',
  component: 'mahjar-event-calendar',
  args: { state: 'ready', locale: 'en', theme: 'light', view: 'month', open: false },
  argTypes: {
    state: {
      control: 'select',
      options: ['loading', 'ready', 'empty', 'network', 'full', 'registered', 'waitlisted', 'cancelled', 'hostile'],
    },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
    view: { control: 'inline-radio', options: ['month', 'list'] },
    open: { control: 'boolean' },
  },
  render: ({ state, locale, theme, view }) => html`
    <div style="max-inline-size: 52rem">
      <mahjar-provider .client=${stub(state)} api-base="https://api.example.org" locale=${locale} theme=${theme}>
        <mahjar-event-calendar month="2031-10" time-zone="Asia/Beirut" view=${view}>
          <a href="https://ilma.example.org/events">Our events</a>
        </mahjar-event-calendar>
      </mahjar-provider>
    </div>
  `,
  // Opens the first event (and registers, for those states) once the calendar has loaded.
  play: async ({ canvasElement, args }) => {
    if (!args.open) return;
    const el = canvasElement.querySelector('mahjar-event-calendar')!;
    const root = () => el.shadowRoot!;
    const wait = async (f: () => unknown) => {
      for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await wait(() => root().querySelector('.chip, [part="event"]'));
    root().querySelector<HTMLElement>('.chip, [part="event"]')?.click();
    if (args.state === 'registered' || args.state === 'waitlisted' || args.state === 'full') {
      await wait(() => root().querySelector('form'));
      const set = (k: string, v: string) => (root().querySelector<HTMLInputElement>(`input[name="${k}"]`)!.value = v);
      set('name', 'Rania Haddad');
      set('email', 'rania.haddad@example.org');
      root().querySelector<HTMLButtonElement>('[part="submit"]')?.click();
    }
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Loading: Story = { args: { state: 'loading' } };
export const Month: Story = {};
export const List: Story = { args: { view: 'list' } };
export const Empty: Story = { args: { state: 'empty', view: 'list' } };
export const NetworkError: Story = { args: { state: 'network' } };
export const Detail: Story = { args: { open: true } };
export const Registered: Story = { args: { state: 'registered', open: true } };
export const Waitlisted: Story = { args: { state: 'waitlisted', open: true } };
export const Full: Story = { name: 'Full (registration refused)', args: { state: 'full', open: true } };
export const Cancelled: Story = { args: { state: 'cancelled', open: true } };
export const Hostile: Story = { name: 'Hostile event text', args: { state: 'hostile', view: 'list' } };
export const French: Story = { args: { locale: 'fr', view: 'list' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { locale: 'ar' } };
export const ArabicDetail: Story = { name: 'Arabic (RTL) detail', args: { locale: 'ar', open: true } };
export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #0d0f12; padding: 1rem">${story()}</div>`],
};
