/** French strings of a donor's return from checkout (<mahjar-donate-button>), loaded on demand. */
import type { en } from '../../donate-button/return.js';

export default {
  thanks: (amount, monthly) =>
    monthly ? `Merci pour votre don mensuel de ${amount}.` : `Merci pour votre don de ${amount}.`,
  receipt: 'Votre reçu vous parvient par e-mail.',
  processing:
    'Votre paiement est encore en cours de traitement. Il sera compté ici dès que le prestataire l’aura confirmé.',
  failed: 'Votre don n’a pas abouti et rien n’a été débité. Vous pouvez réessayer.',
} satisfies typeof en;
