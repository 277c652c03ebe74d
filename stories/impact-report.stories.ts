import { createMahjarClient, type EngagementReport, type MahjarClient, type PriorityArea } from '@mahjar/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/impact-report';

type State = 'ready' | 'loading' | 'quiet-quarter' | 'no-credentials' | 'refused';

interface Args {
  state: State;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
}

const API = 'https://api.example.org';
const KEY = 'pk_story';
const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const areas: PriorityArea[] = [
  { code: 'health-workforce', name: { en: 'Health workforce', ar: 'القوى العاملة الصحية', fr: 'Personnel de santé' } },
  { code: 'mental-health', name: { en: 'Mental health', ar: 'الصحة النفسية', fr: 'Santé mentale' } },
  {
    code: 'emergency-preparedness',
    name: { en: 'Emergency preparedness', ar: 'الجهوزية للطوارئ', fr: 'Préparation aux urgences' },
  },
];

/** A ministry's third quarter, with every section filled. */
const report: EngagementReport = {
  organisationSlug: 'moph-lebanon',
  quarter: '2026-Q3',
  periodStart: '2026-07-01T00:00:00Z',
  periodEnd: '2026-10-01T00:00:00Z',
  generatedAt: '2026-10-02T06:00:00Z',
  signups: { received: 412, emailVerified: 377, verified: 341 },
  verifiedMembers: { total: 15230, byCountry: [], bySpecialty: [] },
  events: { held: 18, cancelled: 1, byKind: [], cmeCreditsOffered: 27.5 },
  registrations: {
    total: 2210,
    confirmed: 1985,
    waitlisted: 96,
    cancelled: 129,
    attended: 1460,
    attendanceRate: 0.7355,
  },
  contactRequests: { total: 268, byPurpose: [] },
  fundsRaised: {
    totals: [
      { currency: 'USD', amount: 18_422_000, donationCount: 903 },
      { currency: 'EUR', amount: 2_310_000, donationCount: 120 },
    ],
    byCampaign: [],
    byPriorityArea: [
      { priorityArea: 'emergency-preparedness', currency: 'USD', amount: 12_110_000 },
      { priorityArea: 'mental-health', currency: 'USD', amount: 6_312_000 },
      { priorityArea: 'mental-health', currency: 'EUR', amount: 2_310_000 },
    ],
  },
  priorityAreas: [],
  eventsByMonth: [
    { month: '2026-07', eventsHeld: 5, webinarsHeld: 4, registrations: 610, participants: 402 },
    { month: '2026-08', eventsHeld: 6, webinarsHeld: 3, registrations: 555, participants: 487 },
    { month: '2026-09', eventsHeld: 7, webinarsHeld: 5, registrations: 820, participants: 571 },
  ],
  needs: {
    opened: 6,
    filled: 3,
    closed: 1,
    openAtEnd: 4,
    answers: 19,
    assigned: 7,
    outcomes: 3,
    hours: 96,
    peopleReached: 420,
    byPriorityArea: [
      { priorityArea: 'health-workforce', opened: 4, filled: 2, assigned: 5, hours: 64, peopleReached: 310 },
      { priorityArea: 'mental-health', opened: 2, filled: 1, assigned: 2, hours: 32, peopleReached: 110 },
    ],
  },
  previousQuarter: {
    quarter: '2026-Q2',
    signupsReceived: 350,
    verifiedMembers: 14890,
    eventsHeld: 21,
    participants: 1210,
    contactRequests: 231,
    needsOpened: 2,
    needsFilled: 0,
    fundsRaised: [{ currency: 'USD', amount: 9_100_000, donationCount: 455 }],
  },
  narrative: {
    quarter: '2026-Q3',
    milestones: [
      { date: '2026-09-12', text: 'Tele-ECG reading rota started in Akkar with four cardiologists abroad.' },
      { text: 'Agreement signed with ALMA for a mentoring programme for family-medicine residents.' },
    ],
    outcomes: [{ text: '1,460 health workers attended diaspora webinars.' }],
    challenges: [{ text: 'Internet outages in the north cut two telehealth sessions short.' }],
    updatedAt: '2026-10-01T15:00:00Z',
  },
};

/** The same quarter with nothing done: every chart says so instead of drawing empty axes. */
const quiet: EngagementReport = {
  ...report,
  eventsByMonth: report.eventsByMonth.map((month) => ({
    ...month,
    eventsHeld: 0,
    webinarsHeld: 0,
    registrations: 0,
    participants: 0,
  })),
  needs: { ...report.needs, byPriorityArea: [] },
  fundsRaised: { totals: [], byCampaign: [], byPriorityArea: [] },
  narrative: { quarter: '2026-Q3', milestones: [], outcomes: [], challenges: [], updatedAt: null },
};

/** The "server" behind the story: the report for the admin client, the priority areas for the publishable one. */
function stub(state: State): MahjarClient {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { pathname, searchParams } = new URL(new Request(input, init).url);
    if (pathname === '/v1/taxonomies/priority-areas') return json({ items: areas });
    if (state === 'loading') return new Promise(() => {});
    if (state === 'refused')
      return json(
        {
          type: 'https://mahjar.dev/problems/unauthorized',
          title: 'Unauthorized',
          status: 401,
          detail: 'The secret key is not valid.',
        },
        401,
        'application/problem+json',
      );
    const body = state === 'quiet-quarter' ? quiet : report;
    const quarter = searchParams.get('quarter') ?? body.quarter;
    return json({ ...body, quarter, narrative: { ...body.narrative, quarter } });
  };
  return createMahjarClient({ baseUrl: API, publishableKey: KEY, fetch, retry: false });
}

/**
 * `<mahjar-impact-report>`: a full quarter, one with nothing done, loading, without admin
 * credentials, and with credentials the server refuses, against a stub server.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-impact-report',
  component: 'mahjar-impact-report',
  args: { state: 'ready', locale: 'en', theme: 'light' },
  argTypes: {
    state: { control: 'select', options: ['ready', 'loading', 'quiet-quarter', 'no-credentials', 'refused'] },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ state, locale, theme }) => {
    const client = stub(state);
    return html`<div style="max-inline-size: 56rem">
      <mahjar-provider .client=${client} api-base=${API} publishable-key=${KEY} locale=${locale} theme=${theme}>
        <mahjar-impact-report quarter="2026-Q3" .adminClient=${state === 'no-credentials' ? undefined : client}></mahjar-impact-report>
      </mahjar-provider>
    </div>`;
  },
};
export default meta;

type Story = StoryObj<Args>;
export const Ready: Story = { name: 'A full quarter' };
export const QuietQuarter: Story = { name: 'A quarter with nothing done', args: { state: 'quiet-quarter' } };
export const Loading: Story = { args: { state: 'loading' } };
export const NoCredentials: Story = { name: 'A publishable key only', args: { state: 'no-credentials' } };
export const Refused: Story = { name: 'A refused secret key', args: { state: 'refused' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { locale: 'ar' } };
export const French: Story = { args: { locale: 'fr' } };
export const Dark: Story = { args: { theme: 'dark' }, parameters: { backgrounds: { default: 'dark' } } };
