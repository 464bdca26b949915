import { describe, expect, it, vi } from 'vitest';
import { fakeSession } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronFake);

const { denyAllPermissions } = await import('../../electron/shell/permissions');

describe('permissions', () => {
  it('refuses every permission request and check', () => {
    denyAllPermissions(fakeSession as never);
    const request = fakeSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (...args: unknown[]) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = fakeSession.setPermissionCheckHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(check(null, 'media', 'app://grantpanel', {})).toBe(false);
    const device = fakeSession.setDevicePermissionHandler.mock.calls[0]?.[0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://grantpanel' })).toBe(false);
  });
});
