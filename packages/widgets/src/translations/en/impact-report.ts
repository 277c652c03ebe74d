/** English strings of <mahjar-impact-report>: bundled with it, and the type other languages match. */

export const impactReport = {
  title: 'Quarterly engagement report',
  /** `Q3 2026` */
  quarter: (number: string, year: string) => `Q${number} ${year}`,
  previous: 'Previous quarter',
  next: 'Next quarter',
  download: 'Download CSV',
  downloading: 'Preparing the CSV…',
  needsCredentials:
    'This report needs the organisation’s secret key or a signed-in administrator. A publishable key cannot read it.',
  showTable: 'Show the data table',
  months: {
    title: 'Events and participants by month',
    events: 'Events held',
    webinars: 'Webinars',
    registrations: 'Registrations',
    participants: 'Participants',
    eventsChart: 'Events held by month',
    participantsChart: 'Participants by month',
    month: 'Month',
  },
  needs: {
    title: 'Needs opened and filled by priority area',
    opened: 'Opened',
    filled: 'Filled',
    assigned: 'People assigned',
    hours: 'Hours given',
    peopleReached: 'People reached',
    summary: (answers: string, assigned: string, open: string) =>
      `${answers} “I can help” answers, ${assigned} people assigned, ${open} needs still open at the end of the quarter.`,
    none: 'No needs were opened or filled this quarter.',
  },
  funds: {
    title: 'Funds raised by priority area',
    /** One chart per currency: amounts are never added across currencies. */
    inCurrency: (currency: string) => `Funds raised in ${currency}`,
    amount: 'Amount',
    currency: 'Currency',
    none: 'No donations were received this quarter.',
  },
  change: {
    title: 'Change on the previous quarter',
    metric: 'Figure',
    change: 'Change',
    new: 'new',
    same: 'no change',
    metrics: {
      signupsReceived: 'Signups received',
      verifiedMembers: 'Verified members',
      eventsHeld: 'Events held',
      participants: 'Participants',
      contactRequests: 'Contact requests',
      needsOpened: 'Needs opened',
      needsFilled: 'Needs filled',
    },
    funds: (currency: string) => `Funds raised (${currency})`,
  },
  priorityArea: 'Priority area',
  /** The accessible summary of a bar chart: its largest bar. */
  highest: (label: string, value: string) => `Highest: ${label}, ${value}.`,
  empty: 'Nothing to show.',
  narrative: {
    title: 'The coordinator’s notes',
    milestones: 'Milestones',
    outcomes: 'Outcomes',
    challenges: 'Challenges',
    none: 'Nothing written for this quarter yet.',
  },
};
