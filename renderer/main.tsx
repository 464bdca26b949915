import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, savedTheme } from './app/theme';
import './styles.css';

// The CSP forbids eval; tell zod not to probe for it (the probe shows up as a CSP violation).
z.config({ jitless: true });
applyTheme(savedTheme());
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
