import {
  type Campaign,
  type CampaignInput,
  type CampaignPatch,
  campaignInputStatusValues,
  checkoutModeValues,
  type MahjarClient,
  newIdempotencyKey,
  type PriorityArea,
  type Problem,
} from '@mahjar/sdk';
import { currencyDigits, parseAmount } from '@mahjar/widgets';
import { html, nothing } from 'lit';
import { type Locale, localeNames, locales, type Strings } from '../i18n.js';
import { asProblem, errorsAt } from '../shared.js';

/** What the campaign form needs from its screen. */
export interface CampaignFormView {
  locale: Locale;
  problem?: Problem;
  busy: boolean;
  /** The campaign being edited (the form is prefilled with it); none for a new campaign. */
  campaign?: Campaign;
  /** The priority areas to choose from (code and name in each language); empty until they load. */
  priorityAreas: PriorityArea[];
  say: (key: keyof Strings) => string;
  onSubmit: (submit: SubmitEvent) => void;
}

type Texts = Partial<Record<Locale, string>>;

/** An amount typed in major units of `currency` (`250.5`, `١٢٫٥`, `1 000,50`) in its minor units, as the API counts them. */
const minor = (text: string, currency: string) =>
  parseAmount(text, currencyDigits(/^[A-Z]{3}$/.test(currency) ? currency : 'USD'));

/** Minor units shown back in major units, for an input (`2500`, `USD` → `25`). */
const major = (amount: number, currency: string) => String(amount / 10 ** currencyDigits(currency));

/**
 * The form's fields as the contract's `CampaignInput`: a title and summary in each language filled
 * in, amounts typed in major units and sent in minor units (the widgets' ISO 4217 rule). An amount
 * that cannot be read is sent as it is (`null`), for the API to refuse at its field.
 */
export function campaignInput(form: HTMLFormElement): CampaignInput {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const texts = (prefix: string): Texts =>
    Object.fromEntries(locales.map((l) => [l, text(`${prefix}-${l}`)]).filter(([, value]) => value));
  const currency = text('currency');
  const goal = text('goalAmount');
  const presets = text('presetAmounts').split(/\s+/).filter(Boolean);
  const linkOutUrl = text('linkOutUrl');
  const endsOn = text('endsOn');
  return {
    slug: text('slug'),
    title: texts('title'),
    summary: texts('summary'),
    ...(goal ? { goalAmount: minor(goal, currency) } : {}),
    currency,
    priorityArea: text('priorityArea'),
    startsOn: text('startsOn'),
    ...(endsOn ? { endsOn } : {}),
    status: text('status') as CampaignInput['status'],
    checkoutMode: text('checkoutMode') as CampaignInput['checkoutMode'],
    ...(linkOutUrl ? { linkOutUrl } : {}),
    ...(presets.length ? { presetAmounts: presets.map((p) => minor(p, currency)) } : {}),
    allowMonthly: data.get('allowMonthly') === 'on',
  } as CampaignInput;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What the edit form changed of `campaign`, as the contract's `CampaignPatch` (merge-patch: only the changed fields; emptied optional fields are `null`). */
export function campaignPatch(form: HTMLFormElement, campaign: Campaign): CampaignPatch {
  const { slug: _, ...input } = campaignInput(form);
  const patch: Record<string, unknown> = {};
  const order = (texts: Texts) => Object.fromEntries(locales.filter((l) => texts[l]).map((l) => [l, texts[l]]));
  if (!same(order(input.title), order(campaign.title))) patch.title = input.title;
  if (!same(order(input.summary), order(campaign.summary))) patch.summary = input.summary;
  for (const key of [
    'goalAmount',
    'currency',
    'priorityArea',
    'startsOn',
    'status',
    'checkoutMode',
    'allowMonthly',
  ] as const)
    if (!same(input[key], campaign[key])) patch[key] = input[key] ?? null;
  if (!same(input.endsOn, campaign.endsOn)) patch.endsOn = input.endsOn ?? null;
  if (!same(input.linkOutUrl, campaign.linkOutUrl)) patch.linkOutUrl = input.linkOutUrl ?? null;
  if (!same(input.presetAmounts ?? [], campaign.presetAmounts)) patch.presetAmounts = input.presetAmounts ?? [];
  return patch as CampaignPatch;
}

type Saved = { campaign?: Campaign; problem?: Problem };

/** Creates the campaign (`createCampaign`, editor), once however often it is sent. */
export async function createCampaign(client: MahjarClient, body: CampaignInput): Promise<Saved> {
  const { data, error } = await client
    .POST('/v1/admin/campaigns', { params: { header: { 'Idempotency-Key': newIdempotencyKey() } }, body })
    .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
  return data ? { campaign: data } : { problem: asProblem(error) };
}

/** Changes the campaign (`updateCampaign`, editor). */
export async function updateCampaign(client: MahjarClient, slug: string, body: CampaignPatch): Promise<Saved> {
  const { data, error } = await client
    .PATCH('/v1/admin/campaigns/{slug}', { params: { path: { slug } }, body })
    .catch((e: unknown) => ({ data: undefined, error: asProblem(e) }));
  return data ? { campaign: data } : { problem: asProblem(error) };
}

/** Every currency this browser can name, by code, with `keep` among them. */
function currencies(keep: string): string[] {
  const known: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return [...new Set([...known, keep])].sort();
}

/** The new-campaign and edit-campaign form (a render helper: the screen holds its state). */
export function renderCampaignForm(view: CampaignFormView) {
  const s = view.say;
  const campaign = view.campaign;
  const problem = view.problem;
  const currency = campaign?.currency ?? 'USD';
  const draft = !campaign || campaign.status === 'draft';
  const pointed = (problem?.errors ?? []).length > 0;
  const names = new Intl.DisplayNames(view.locale, { type: 'currency' });
  const id = (name: string) => `campaign-${name}-error`;
  const field = (name: string, label: string, input: unknown, pointer = `/${name}`) => {
    const error = errorsAt(problem, pointer);
    return html`<label data-field=${name}
      >${label} ${input}
      <span class="field-error" id=${id(name)}>${error}</span></label
    >`;
  };
  const invalid = (pointer: string, exact = false) => (errorsAt(problem, pointer, { exact }) ? 'true' : 'false');
  const localized = (name: 'title' | 'summary', legend: string) => {
    const whole = errorsAt(problem, `/${name}`, { exact: true });
    return html`<fieldset data-field=${name} aria-describedby=${id(name)}>
      <legend>${legend}</legend>
      <div class="row">
        ${locales.map((l) => {
          const value = campaign?.[name][l] ?? '';
          const dir = l === 'ar' ? 'rtl' : 'ltr';
          const error = errorsAt(problem, `/${name}/${l}`);
          return html`<label data-field="${name}-${l}"
            >${localeNames[l]}
            ${
              name === 'title'
                ? html`<input name="${name}-${l}" lang=${l} dir=${dir} maxlength="300" .value=${value} aria-invalid=${error || whole ? 'true' : 'false'} aria-describedby="${id(`${name}-${l}`)} ${id(name)}" />`
                : html`<textarea name="${name}-${l}" lang=${l} dir=${dir} rows="3" maxlength="10000" .value=${value} aria-invalid=${error || whole ? 'true' : 'false'} aria-describedby="${id(`${name}-${l}`)} ${id(name)}"></textarea>`
            }
            <span class="field-error" id=${id(`${name}-${l}`)}>${error}</span></label
          >`;
        })}
      </div>
      <span class="field-error" id=${id(name)}>${whole}</span>
    </fieldset>`;
  };
  return html`<form class="inline campaign-form" novalidate @submit=${view.onSubmit}>
    ${
      campaign
        ? nothing
        : html`<div class="row">
            ${field('slug', s('campaignSlug'), html`<input name="slug" required maxlength="64" dir="ltr" autocapitalize="none" spellcheck="false" aria-invalid=${invalid('/slug')} aria-describedby=${id('slug')} />`)}
          </div>`
    }
    ${localized('title', s('campaignTitle'))}
    ${localized('summary', s('campaignSummary'))}
    <div class="row">
      ${field('goalAmount', s('goal'), html`<input name="goalAmount" inputmode="decimal" required size="12" dir="ltr" .value=${campaign ? major(campaign.goalAmount, campaign.currency) : ''} aria-invalid=${invalid('/goalAmount')} aria-describedby=${id('goalAmount')} />`)}
      ${field(
        'currency',
        s('currency'),
        html`<select name="currency" ?disabled=${!draft} aria-invalid=${invalid('/currency')} aria-describedby=${id('currency')}>
          ${currencies(currency).map((c) => html`<option value=${c} ?selected=${c === currency}>${c} — ${names.of(c)}</option>`)}
        </select>`,
      )}
      ${field('presetAmounts', s('presetAmounts'), html`<input name="presetAmounts" inputmode="decimal" dir="ltr" .value=${campaign ? campaign.presetAmounts.map((p) => major(p, campaign.currency)).join(' ') : ''} aria-invalid=${invalid('/presetAmounts')} aria-describedby=${id('presetAmounts')} />`)}
    </div>
    <div class="row">
      ${field(
        'priorityArea',
        s('priorityArea'),
        view.priorityAreas.length
          ? html`<select name="priorityArea" required aria-invalid=${invalid('/priorityArea')} aria-describedby=${id('priorityArea')}>
              <option value="" ?selected=${!campaign}>${s('choose')}</option>
              ${view.priorityAreas.map(
                (p) =>
                  html`<option value=${p.code} ?selected=${p.code === campaign?.priorityArea}>${p.name[view.locale] ?? p.name.en ?? p.code}</option>`,
              )}
            </select>`
          : // the list could not be read: the code, as the API knows it
            html`<input name="priorityArea" required maxlength="64" dir="ltr" .value=${campaign?.priorityArea ?? ''} aria-invalid=${invalid('/priorityArea')} aria-describedby=${id('priorityArea')} />`,
      )}
      ${field('startsOn', s('startsOn'), html`<input name="startsOn" type="date" required .value=${campaign?.startsOn ?? ''} aria-invalid=${invalid('/startsOn')} aria-describedby=${id('startsOn')} />`)}
      ${field('endsOn', s('endsOn'), html`<input name="endsOn" type="date" .value=${campaign?.endsOn ?? ''} aria-invalid=${invalid('/endsOn')} aria-describedby=${id('endsOn')} />`)}
      ${field(
        'status',
        s('statusLabel'),
        html`<select name="status" aria-invalid=${invalid('/status')} aria-describedby=${id('status')}>
          ${campaignInputStatusValues.map((v) => html`<option value=${v} ?selected=${(campaign?.status ?? 'draft') === v}>${s(`campaign_${v}`)}</option>`)}
        </select>`,
      )}
    </div>
    <div class="row">
      ${field(
        'checkoutMode',
        s('checkoutMode'),
        html`<select name="checkoutMode" ?disabled=${!draft} aria-invalid=${invalid('/checkoutMode')} aria-describedby=${id('checkoutMode')}>
          ${checkoutModeValues.map((v) => html`<option value=${v} ?selected=${(campaign?.checkoutMode ?? 'hosted') === v}>${s(`checkout_${v}`)}</option>`)}
        </select>`,
      )}
      ${field('linkOutUrl', s('linkOutUrl'), html`<input name="linkOutUrl" type="url" dir="ltr" size="30" .value=${campaign?.linkOutUrl ?? ''} aria-invalid=${invalid('/linkOutUrl')} aria-describedby=${id('linkOutUrl')} />`)}
      <label class="check" data-field="allowMonthly"><input name="allowMonthly" type="checkbox" .checked=${campaign?.allowMonthly ?? false} /> ${s('allowMonthly')}</label>
    </div>
    ${draft ? nothing : html`<p class="muted">${s('draftOnly')}</p>`}
    ${draft ? nothing : html`<input type="hidden" name="currency" .value=${currency} /><input type="hidden" name="checkoutMode" .value=${campaign!.checkoutMode} />`}
    ${problem && !pointed ? html`<p class="error" role="alert">${problem.detail || problem.title}</p>` : nothing}
    <button ?disabled=${view.busy}>${s(campaign ? 'saveCampaign' : 'createCampaign')}</button>
  </form>`;
}
