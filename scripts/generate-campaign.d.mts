// Types for scripts/generate-campaign.mjs, which the tests import.
export type Band = 'helpful' | 'familiar' | 'intrusive' | 'creepy';
export type Outcome = 'delivered' | 'opened' | 'clicked' | 'converted' | 'unsubscribed' | 'complained';
export type Rates = Record<Outcome, number>;

export interface CampaignSpec {
  campaign: string;
  count: number;
  seed: number;
  /** The share of recipients in the control group. */
  holdout: number;
  /** The share of recipients in each band; scores are uniform within a band. */
  bands: Record<Band, number>;
  /** The control group's rates (it got the de-personalised twin, whatever its score). */
  control: Rates;
  /** The personalised group's rates in each band; an outcome left out takes the control rate. */
  personalised: Record<Band, Partial<Rates>>;
  /** Revenue of a conversion is uniform between half and one and a half times this. */
  revenuePerConversion: number;
  /** The last this many recipients have no results row. */
  unmatchedVerdicts: number;
  /** This many results rows name no recipient. */
  unmatchedResults: number;
  /** Write `campaign` in each verdict. */
  campaignField: boolean;
  /** Write `group` in each verdict; without it (a campaign before holdouts) everyone is personalised. */
  groupField: boolean;
}

export interface Verdict {
  id: string;
  verdict: 'send' | 'hold';
  score: number;
  band: Band;
  rules: string[];
  group?: 'control' | 'personalised';
  campaign?: string;
}
export type Result = { id: string; revenue: number } & Record<Outcome, 0 | 1>;

export const BAND_RANGES: Record<Band, [number, number]>;
export const OUTCOMES: Outcome[];
export const DEFAULT_SPEC: CampaignSpec;
export function random(seed: number): () => number;
export function campaignRows(spec?: Partial<CampaignSpec>): Generator<{ verdict: Verdict | null; result: Result | null }>;
export function truth(spec?: Partial<CampaignSpec>): {
  groups: { control: Rates; personalised: Rates };
  bands: Record<Band, Rates>;
  revenuePerRecipient: { control: number; personalised: number };
  auc: { unsubscribed: number; complained: number };
};
export function writeCampaign(spec: Partial<CampaignSpec>, files: { verdicts: string; results: string }): void;
