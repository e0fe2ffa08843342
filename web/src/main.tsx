import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Boot } from './Boot';
import { initI18n } from './i18n';
import './ui/base.css';
import './ui/header.css';
import './ui/pages.css';
import './ui/forms.css';
import './auth/auth.css';

// The chosen language's texts first (English is downloaded on demand), then the first render.
await initI18n();

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Boot />
    </StrictMode>,
  );
}
