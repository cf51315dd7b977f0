/**
 * The app's id on the system: electron-builder.yml's `appId`, which Windows also needs as
 * the app user model id before it shows the app's notifications (builder-config.test.ts
 * holds the two equal).
 */
export const APP_USER_MODEL_ID = 'app.quantifiedself.desktop';
