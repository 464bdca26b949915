// The areas (local policing areas or NPUs) that applications come from and budgets are set for.
import { useMayCall } from '../session/session-cache';
import type { Area } from '../../../shared/domain/catalogue';
import { AreaForm } from './AreaForm';

interface Props {
  areas: Area[];
  /** An area's id, 'new' while adding one, or null. */
  editingId: string | null;
  onEdit: (id: string) => void;
  onSaved: (area: Area) => void;
  onCancel: () => void;
}

export function AreasSection({ areas, editingId, onEdit, onSaved, onCancel }: Props) {
  const busy = editingId !== null;
  const editable = useMayCall()('catalogue.saveArea');
  return (
    <section aria-labelledby="areas-title">
      <h2 id="areas-title" tabIndex={-1}>
        Areas
      </h2>
      <p className="section-lede">
        Local policing areas or Neighbourhood Policing Units. Applicants name one; each round can give each area a budget.
      </p>
      <table className="areas-table">
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">ONS code</th>
            <th scope="col">Local authority</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) =>
            editingId === area.id ? (
              <tr key={area.id}>
                <td colSpan={4}>
                  <AreaForm area={area} areas={areas} onSaved={onSaved} onCancel={onCancel} />
                </td>
              </tr>
            ) : (
              <tr key={area.id}>
                <th scope="row">{area.name}</th>
                <td>{area.onsCode ?? 'None'}</td>
                <td>{area.localAuthority}</td>
                <td>
                  {editable ? (
                    <button
                      type="button"
                      className="link-button"
                      id={`edit-area-${area.id}`}
                      disabled={busy}
                      onClick={() => onEdit(area.id)}
                    >
                      Edit<span className="visually-hidden"> {area.name}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {editingId === 'new' ? (
        <AreaForm area={null} areas={areas} onSaved={onSaved} onCancel={onCancel} />
      ) : !editable ? null : (
        <div className="button-row">
          <button type="button" className="button secondary" id="add-area" disabled={busy} onClick={() => onEdit('new')}>
            Add area
          </button>
        </div>
      )}
    </section>
  );
}
