import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { agentsActions } from '../../state/agents.ts';

/** Loads weights, history and the confusion log each time the screen opens. */
export function useAgentsScreen(): { reload: () => void } {
  const api = useApi();
  useEffect(() => {
    void agentsActions().load(api);
  }, [api]);
  return { reload: () => void agentsActions().load(api) };
}
