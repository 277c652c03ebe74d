import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '@mahjar/widgets/provider';
import '@mahjar/widgets/donate-button';
import { type StubState, stubClient } from './fixtures.js';

interface Args {
  state: StubState;
  locale: string;
  theme: 'light' | 'dark' | 'auto';
}

/**
 * `<mahjar-donate-button>`: a campaign's progress and a donate dialog. The stories answer from a
 * stub so each state is deterministic; the light-DOM link inside is the no-JavaScript fallback.
 */
const meta: Meta<Args> = {
  title: 'Elements/mahjar-donate-button',
  component: 'mahjar-donate-button',
  args: { state: 'ready', locale: 'en', theme: 'light' },
  argTypes: {
    state: { control: 'select', options: ['loading', 'ready', 'closed', 'link-out', 'not-found', 'network'] },
    locale: { control: 'inline-radio', options: ['en', 'ar', 'fr'] },
    theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
  },
  render: ({ state, locale, theme }) => html`
    <div style="max-inline-size: 26rem">
      <mahjar-provider .client=${stubClient(state)} locale=${locale} theme=${theme}>
        <mahjar-donate-button campaign="beirut-er-2026">
          <a href="https://ilma.example.org/donate">Donate on our website</a>
        </mahjar-donate-button>
      </mahjar-provider>
    </div>
  `,
};
export default meta;

type Story = StoryObj<Args>;

export const Loading: Story = { args: { state: 'loading' } };
export const Ready: Story = {};
export const French: Story = { args: { locale: 'fr' } };
export const NotFound: Story = { name: 'Error (not found)', args: { state: 'not-found' } };
export const NetworkError: Story = { args: { state: 'network' } };
export const Closed: Story = { args: { state: 'closed' } };
export const LinkOut: Story = { args: { state: 'link-out' } };
export const ArabicRTL: Story = { name: 'Arabic (RTL)', args: { locale: 'ar' } };
export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  decorators: [(story) => html`<div style="background: #0d0f12; padding: 1rem">${story()}</div>`],
};
