import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, useApi } from './api/ApiContext.tsx';
import { createApi } from './api/client.ts';

// A placeholder shell so the build and the smoke tests run before the screens exist; the app replaces it.
function Shell() {
  const api = useApi();
  const [status, setStatus] = useState('Loading…');
  useEffect(() => {
    void api.invoke('app.info', {}).then((result) =>
      setStatus(result.ok ? `QThink Journal ${result.value.version} (${result.value.mode}) · ${result.value.data_dir}` : result.error.message),
    );
  }, [api]);
  return (
    <main>
      <h1>QThink Journal</h1>
      <p data-testid="app-info">{status}</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={createApi()}>
        <Shell />
      </ApiProvider>
    </StrictMode>,
  );
}
