import { describe, expect, it } from 'vitest';
import { DESK_START_URL, isAllowedPermission, isDeskUrl } from './desk-url';

describe('desk URLs and permissions', () => {
  it.each([DESK_START_URL, 'app://desk/', 'app://desk/assets/index.js?x=1'])('trusts %s', (url) => {
    expect(isDeskUrl(url)).toBe(true);
  });

  it.each([
    'file:///app/dist/renderer/index.html',
    'https://desk/index.html',
    'app://desktop/index.html',
    'app://evil.example/desk/',
    'app://desk.evil.example/',
    'http://127.0.0.1:5173/',
    'about:blank',
    '',
    'not a url',
  ])('does not trust %s', (url) => {
    expect(isDeskUrl(url)).toBe(false);
  });

  it('grants notifications to the desk only, and nothing else', () => {
    expect(isAllowedPermission('notifications', 'app://desk/')).toBe(true);
    expect(isAllowedPermission('notifications', 'https://evil.example/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid']) {
      expect(isAllowedPermission(permission, 'app://desk/')).toBe(false);
    }
  });
});
