import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App';
import { queryClient } from './app/query-client';
import { applyTheme, savedTheme } from './app/theme';
import { askForRegisterOnOpening } from './features/applications/register-pages';
import './styles.css';

// The CSP forbids eval; tell zod not to probe for it (the probe shows up as a CSP violation).
z.config({ jitless: true });
applyTheme(savedTheme());
askForRegisterOnOpening(queryClient, window.location.hash);
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
