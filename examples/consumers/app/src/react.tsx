// A React 19 app: React sets the element's properties itself; the JSX typings come from @mahjar/widgets/react.
import '@mahjar/widgets/donate-button';
import type {} from '@mahjar/widgets/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { apiBase, campaign, publishableKey } from './config.js';

function App() {
  const [amount, setAmount] = useState<number>();
  return (
    <>
      <mahjar-donate-button
        campaign={campaign}
        apiBase={apiBase}
        publishableKey={publishableKey}
        onmahjar-donation-start={(event) => setAmount(event.detail.amount)}
      />
      {/* @ts-expect-error min-amount takes a number */}
      <mahjar-donate-button hidden campaign={campaign} minAmount="five" />
      {amount === undefined ? null : <p>Starting a donation of {amount}</p>}
    </>
  );
}

const root = document.querySelector('#app');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
