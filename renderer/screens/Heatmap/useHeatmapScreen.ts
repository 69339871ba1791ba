import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext.tsx';
import { heatmapActions } from '../../state/heatmap.ts';

/** Loads the heatmap each time the screen opens (a commit since the last visit shows at once). */
export function useHeatmapScreen(): { reload: () => void } {
  const api = useApi();
  useEffect(() => {
    void heatmapActions().load(api);
  }, [api]);
  return { reload: () => void heatmapActions().load(api) };
}
