import { useCallback } from 'react';
import type { TradeRecordInput } from '../../../shared/domain/trade.ts';
import type { ImportOutcome } from '../../../shared/ipc/schemas.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { plural } from '../../format.ts';
import { appActions, useToast } from '../../state/app.ts';
import { importExample, importManual, importPicked, importQueued, rejectedRowCount } from '../../state/import.ts';
import { setBatch, useReviewStore } from '../../state/review.ts';

/**
 * The import actions as the screens use them: each runs the import, hands the merged batch to the review
 * slice (so the Review badge and table update at once) and tells the trader what happened.
 */
export function useImportActions() {
  const api = useApi();
  const toast = useToast();

  const finish = useCallback(
    (outcome: ImportOutcome | null, what: string): ImportOutcome | null => {
      if (!outcome) return null;
      setBatch(outcome.batch);
      const rejected = rejectedRowCount(outcome.report.errors);
      toast(
        `${what}: ${plural(outcome.report.staged, 'trade')} staged${rejected > 0 ? `, ${plural(rejected, 'row')} rejected` : ''}.`,
        rejected > 0 ? 'warn' : 'good',
      );
      return outcome;
    },
    [toast],
  );

  const previous = () => useReviewStore.getState().batch;

  return {
    importQueued: useCallback(async () => finish(await importQueued(api, previous()), 'Import'), [api, finish]),
    importPicked: useCallback(async () => finish(await importPicked(api, previous()), 'Import'), [api, finish]),
    importManual: useCallback(
      async (trade: TradeRecordInput) => finish(await importManual(api, previous(), trade), `Trade ${trade.id}`),
      [api, finish],
    ),
    /** The bundled example day, then straight to Review. */
    loadExample: useCallback(async () => {
      appActions().dismissBanner();
      const outcome = finish(await importExample(api, previous()), 'Example day');
      if (outcome) appActions().navigate('review');
      else toast('The example day could not be loaded; see the Import screen for the reason.', 'bad');
      return outcome;
    }, [api, finish, toast]),
  };
}
