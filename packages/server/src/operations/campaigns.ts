import type { Handlers } from '../http/types.js';
import { ProblemError } from '../problems.js';

type Ops =
  | 'listCampaigns'
  | 'getCampaign'
  | 'createDonation'
  | 'getDonation'
  | 'receivePaymentWebhook'
  | 'getSandboxCheckout'
  | 'completeSandboxCheckout'
  | 'createCampaign'
  | 'updateCampaign'
  | 'closeCampaign';

const pending = async (): Promise<never> => {
  throw new ProblemError('internal', 'being written');
};

export const campaignHandlers: Pick<Handlers, Ops> = {
  listCampaigns: pending,
  getCampaign: pending,
  createDonation: pending,
  getDonation: pending,
  receivePaymentWebhook: pending,
  getSandboxCheckout: pending,
  completeSandboxCheckout: pending,
  createCampaign: pending,
  updateCampaign: pending,
  closeCampaign: pending,
};
