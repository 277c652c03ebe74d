import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    // Every story is checked with axe; violations fail the a11y panel (and the test runner, if used).
    a11y: { test: 'error' },
  },
};

export default preview;
