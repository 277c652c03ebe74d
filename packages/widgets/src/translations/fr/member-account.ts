/** French strings of <mahjar-member-account>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { memberAccount as En } from '../en/member-account.js';

export default {
  title: 'Votre compte de membre',
  signInIntro:
    'Saisissez l’adresse e-mail avec laquelle vous avez adhéré. Nous vous enverrons un lien de connexion, sans mot de passe.',
  email: 'E-mail',
  send: 'M’envoyer un lien de connexion',
  sending: 'Envoi…',
  sent: (minutes) =>
    `Si cette adresse appartient à un membre, un lien de connexion est en route. Il fonctionne une fois, dans les ${minutes} minutes. Vous pouvez fermer cette page et ouvrir le lien depuis votre messagerie.`,
  emailInvalid: 'Saisissez une adresse comme nom@exemple.org.',
  signingIn: 'Connexion en cours…',
  ended: 'Vous avez été déconnecté. Reconnectez-vous pour continuer.',
  linkInvalid:
    'Ce lien de connexion a expiré, a déjà servi ou a été demandé depuis un autre navigateur. Demandez-en un nouveau ci-dessous, dans ce navigateur.',
  signedInAs: (name) => `Connecté en tant que ${name}`,
  signOut: 'Se déconnecter',
  signOutEverywhere: 'Se déconnecter de tous les appareils',
  sections: {
    profile: 'Votre profil',
    audiences: 'Qui voit quoi',
    consents: 'Vos consentements',
    chapters: 'Vos sections',
    gifts: 'Dons mensuels',
    data: 'Vos données',
    delete: 'Supprimer votre compte',
  },
  status: {
    pending_email: 'E-mail non confirmé',
    pending_review: 'En attente de vérification',
    verified: 'Vérifié',
    suspended: 'Suspendu',
  },
  listed: 'M’inscrire dans l’annuaire (avec les champs que chaque public peut voir).',
  ministriesIntro:
    'Ministères de la santé autorisés à voir les champs marqués « Ministère » et à vous compter dans leurs rapports :',
  ministry: (name) => `Partager avec ${name}`,
  noMinistries: 'Aucun ministère ne travaille encore avec vos sections.',
  transferAbroad: 'Mes données peuvent être stockées et traitées hors de mon pays d’exercice.',
  newsletter: 'M’envoyer par e-mail les lettres d’information de mes sections.',
  notice: 'L’avis de confidentialité que vous acceptez en enregistrant',
  save: 'Enregistrer les modifications',
  saving: 'Enregistrement…',
  saved: 'Enregistré. L’annuaire affiche vos changements dès maintenant.',
  chaptersIntro: 'Choisissez les sections dont vous êtes membre (au moins une).',
  saveChapters: 'Enregistrer les sections',
  pickChapter: 'Choisissez au moins une section.',
  noGifts: 'Vous n’avez aucun don mensuel.',
  gift: (amount, campaign) => `${amount} par mois pour ${campaign}`,
  giftSince: (date, months) => `Depuis le ${date} · mois payés : ${months}`,
  giftEnded: (date) => `Arrêté le ${date}`,
  cancelGift: 'Arrêter ce don',
  cancelGiftConfirm: (what) => `Arrêter ${what} ? Aucun prélèvement ne sera plus effectué.`,
  keepGift: 'Le garder',
  confirmCancel: 'Arrêter le don',
  dataIntro:
    'Téléchargez tout ce que nous conservons sur vous, en JSON : profil, consentements, vérifications, inscriptions, dons et connexions.',
  download: 'Télécharger mes données',
  deleteIntro:
    'Votre profil quitte l’annuaire immédiatement et votre compte est fermé. Nous gardons seulement une trace, sans donnée personnelle, de votre consentement puis de votre départ ; les reçus de dons restent, comme la loi l’exige.',
  deleteAccount: 'Supprimer mon compte',
  deleteConfirm: 'Supprimer définitivement votre compte ? C’est irréversible.',
  keepAccount: 'Garder mon compte',
  deleted: 'Votre compte a été supprimé. Une confirmation arrive dans votre messagerie.',
  close: 'Fermer',
} satisfies typeof En;
