// The demo's people: a grants officer, a panel chair, three panel members and the Chief Executive,
// with passphrases printed on the demo's welcome screen. Only ever in a data folder set up as a
// demo (never added to a real one), so these known passphrases open nothing real.
import type { Role } from '../../../shared/domain/people';

export interface DemoPerson {
  name: string;
  roles: Role[];
  passphrase: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { name: 'Jordan Ellis (demo)', roles: ['grants-officer'], passphrase: 'demo grants officer' },
  { name: 'Amina Hussain (demo)', roles: ['panel-chair', 'panel-member'], passphrase: 'demo panel chair' },
  { name: 'Tom Clarke (demo)', roles: ['panel-member'], passphrase: 'demo panel member one' },
  { name: 'Grace Okoye (demo)', roles: ['panel-member'], passphrase: 'demo panel member two' },
  { name: 'Bilal Rahman (demo)', roles: ['panel-member'], passphrase: 'demo panel member three' },
  { name: 'Helen Carter (demo)', roles: ['chief-executive'], passphrase: 'demo chief executive' },
];
