/** Hash routing (#/ dashboard, #/settings), so the same build works from file:// and the harness. */
import { useEffect, useState } from 'react';

export interface HashRoute {
  path: string;
  params: URLSearchParams;
}

function parse(): HashRoute {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path: path || '/', params: new URLSearchParams(query) };
}

export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const onChange = () => setRoute(parse());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
