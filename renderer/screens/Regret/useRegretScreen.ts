import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { regretActions, useRegretBucket } from '../../state/regret.ts';

/** Loads the regret breakdown when the screen opens and whenever the period bucket changes. */
export function useRegretScreen(): { reload: () => void } {
  const api = useApi();
  const bucket = useRegretBucket();
  useEffect(() => {
    void regretActions().load(api);
  }, [api, bucket]);
  return { reload: () => void regretActions().load(api) };
}
