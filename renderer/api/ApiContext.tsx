import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from '../../shared/ipc/contract.ts';

const ApiContext = createContext<Api | null>(null);

/** Gives the screens their api: `createApi()` in the app, `createFakeApi()` in tests. */
export function ApiProvider({ api, children }: { readonly api: Api; readonly children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
