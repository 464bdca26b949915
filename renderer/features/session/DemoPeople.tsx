// A demo laptop's invented people and their passphrases, marked as demo data: never on a real laptop.
import type { SessionInfo } from '../../../shared/contract/session';
import { rolesText } from '../../../shared/domain/people';

export function DemoPeople({ demo, open = true }: { demo: NonNullable<SessionInfo['demo']>; open?: boolean }) {
  return (
    <details className="panel demo-data" open={open}>
      <summary>
        <span className="tag draft">Demo data</span> The demo’s people and their passphrases
      </summary>
      <p className="hint">
        This laptop was set up as a demo: these people and passphrases are invented. Sign in as any of them to see what their role sees.
      </p>
      <table className="demo-people">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Passphrase</th>
          </tr>
        </thead>
        <tbody>
          {demo.map((p) => (
            <tr key={p.name}>
              <th scope="row">{p.name}</th>
              <td>{rolesText(p.roles)}</td>
              <td>
                <code>{p.passphrase}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
