// GrantPanel needs no camera, microphone, location, notifications or any other web permission:
// every request and every check is refused.
import type { Session } from 'electron';

export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
