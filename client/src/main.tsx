import { render } from 'preact';
import { App } from './app.tsx';
import { loadMe } from './auth/session.ts';
import './styles.css';

void loadMe();
render(<App />, document.getElementById('app')!);
