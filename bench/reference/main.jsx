import { createRoot } from 'react-dom/client';
import { create } from 'zustand';

const useStore = create(() => ({ greeting: 'Hello' }));

function Hello() {
  const greeting = useStore((s) => s.greeting);
  return (
    <main>
      <h1>{greeting}</h1>
    </main>
  );
}

createRoot(document.getElementById('root')).render(<Hello />);
