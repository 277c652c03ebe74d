import type { Handlers } from '../http/types.js';
import { closeCampaign, createCampaign, listAdminCampaigns, updateCampaign } from './campaigns/admin.js';
import { createDonation, getDonation } from './campaigns/donations.js';
import { exportCampaignDonations, listCampaignDonations, resendDonationReceipt } from './campaigns/ledger.js';
import { completeSandboxCheckout, getSandboxCheckout, receivePaymentWebhook } from './campaigns/payments.js';
import { getCampaign, listCampaigns } from './campaigns/public.js';

type Ops =
  | 'listCampaigns'
  | 'getCampaign'
  | 'createDonation'
  | 'getDonation'
  | 'receivePaymentWebhook'
  | 'getSandboxCheckout'
  | 'completeSandboxCheckout'
  | 'listAdminCampaigns'
  | 'createCampaign'
  | 'updateCampaign'
  | 'closeCampaign'
  | 'listCampaignDonations'
  | 'exportCampaignDonations'
  | 'resendDonationReceipt';

/** Campaigns, donations and payments: public reads, the donation flow, provider webhooks, admin writes. */
export const campaignHandlers: Pick<Handlers, Ops> = {
  listCampaigns,
  getCampaign,
  createDonation,
  getDonation,
  receivePaymentWebhook,
  getSandboxCheckout,
  completeSandboxCheckout,
  listAdminCampaigns,
  createCampaign,
  updateCampaign,
  closeCampaign,
  listCampaignDonations,
  exportCampaignDonations,
  resendDonationReceipt,
};
