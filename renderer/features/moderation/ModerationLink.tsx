// The way into a panel's moderation from the panels list: for the panel's chair, and for those who
// read every panel's scores (the same people the core lets read it).
import { Link } from 'react-router';
import type { PanelSummary } from '../../../shared/contract/panels';
import { useSession } from '../../app/queries';
import './moderation-link.css';

export function ModerationLink({ panel }: { panel: Pick<PanelSummary, 'id' | 'name' | 'chairId'> }) {
  const person = useSession()?.person;
  if (!person) return null;
  const chair = panel.chairId !== null && panel.chairId === person.id && person.capabilities.includes('moderate');
  if (!chair && !person.capabilities.includes('read-scores')) return null;
  return (
    <span className="moderation-link">
      <Link to={`/panels/${encodeURIComponent(panel.id)}/moderation`}>
        Moderation and ranking<span className="visually-hidden"> of {panel.name}</span>
      </Link>
    </span>
  );
}
