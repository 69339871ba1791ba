import type { FinalLabel } from '../../../shared/domain/journal.ts';
import type { BadgeTone } from '../../components/Badge.tsx';

/** Failures red, a clean win green, the in-between labels amber or blue. */
export const LABEL_TONE: Readonly<Record<FinalLabel, BadgeTone>> = {
  model_failure: 'bad',
  conflict_failure: 'bad',
  good_trade: 'good',
  lucky_win: 'warn',
  unscored_win: 'neutral',
  unscored_loss: 'neutral',
  disciplined_loss: 'info',
  poor_execution: 'warn',
};
