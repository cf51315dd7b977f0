import { mount } from 'svelte';
import App from './App.svelte';
import { getApi } from './lib/api';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('The page has no #app element.');
export default mount(App, { target, props: { api: getApi() } });
