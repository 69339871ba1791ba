import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext.tsx';
import { createApi } from './api/client.ts';
import { App } from './App.tsx';
import './styles/theme.css';
import './styles/app.css';
import './styles/components.css';
import './styles/import.css';
import './styles/health.css';
import './styles/review.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={createApi()}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}
