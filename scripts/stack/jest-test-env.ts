import { loadProfile } from './profile';

// Integration tests read the test stack's settings from process.env, under the names in .env.example.
Object.assign(process.env, loadProfile('test').appEnv);
