/** French strings of <mahjar-needs-board>, loaded on demand. */
// The strings every element shares travel with each element's own (a shared chunk in the full bundle).
export { default as common } from './common.js';

import type { needsBoard as En } from '../en.js';

export default {
  title: 'Comment vous pouvez aider',
  intro:
    'Les besoins ouverts du ministère. Filtrez-les, puis dites « Je peux aider » pour celui que vous pouvez prendre en charge.',
  filters: 'Filtrer les besoins',
  how: 'Comment',
  where: 'Où',
  area: 'Domaine prioritaire',
  any: 'Tous',
  anywhere: 'Partout',
  remote: 'Depuis l’étranger (à distance)',
  onSite: 'Sur place',
  clear: 'Effacer les filtres',
  count: { one: '# besoin ouvert', other: '# besoins ouverts' },
  empty: 'Aucun besoin ouvert ne correspond à ces filtres.',
  none: 'Le ministère n’a aucun besoin ouvert pour le moment.',
  more: 'Afficher plus de besoins',
  moreShown: { one: '# besoin de plus affiché', other: '# besoins de plus affichés' },
  offerKinds: {
    mentoring: 'Mentorat',
    telehealth: 'Télésanté',
    teaching: 'Enseignement / FMC',
    research: 'Recherche',
    return_placement: 'Retour de courte durée',
    medical_mission: 'Mission médicale',
  },
  specialty: 'Spécialité',
  when: 'Quand',
  ongoing: 'En continu',
  from: (date) => `À partir du ${date}`,
  until: (date) => `Jusqu’au ${date}`,
  remoteIn: (zone) => `À distance (${zone})`,
  languages: 'Langues',
  people: { one: '# personne', other: '# personnes' },
  needed: 'Recherché',
  opened: (date) => `Publié le ${date}`,
  help: 'Je peux aider',
  helpWith: (title) => `Je peux aider : ${title}`,
  message: 'Un message pour le ministère (facultatif)',
  messageHint: 'Quand vous êtes disponible, ce que vous pouvez offrir.',
  send: 'Envoyer : je peux aider',
  sending: 'Envoi…',
  cancel: 'Annuler',
  thanks: 'Merci. Le ministère a reçu votre réponse et vous contactera.',
  already: 'Vous aviez déjà dit pouvoir aider pour ce besoin. Le ministère a votre réponse.',
  invitation: 'Votre invitation',
  invalid:
    'Ce lien d’invitation a expiré, a été remplacé par un plus récent, ou le besoin n’est plus ouvert. Vous pouvez encore répondre depuis la liste ci-dessous en tant que membre connecté.',
  notInScope:
    'Seuls les membres qui partagent leur profil avec ce ministère peuvent répondre à ses besoins. Choisissez-le dans votre compte de membre, puis réessayez.',
  signInFirst:
    'Connectez-vous en tant que membre pour dire que vous pouvez aider. Votre message reste sur cet appareil en attendant.',
  email: 'Courriel',
  emailInvalid: 'Saisissez une adresse comme nom@example.org.',
  signIn: 'M’envoyer un lien de connexion',
  sent: 'Si cette adresse est celle d’un membre, un lien de connexion est en route. Ouvrez-le sur cet appareil : il vous ramène ici avec votre message.',
  signingIn: 'Connexion en cours…',
  signedIn: 'Vous êtes connecté. Relisez votre message et envoyez votre réponse.',
  linkInvalid: 'Ce lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau ci-dessous.',
} satisfies typeof En;
