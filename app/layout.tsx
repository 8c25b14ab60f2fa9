import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { HydrationMark } from '@/components/shell/hydration-mark';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Wheelhouse', template: '%s · Wheelhouse' },
  description: 'A fast, safe, honest dashboard for Kubernetes workloads.',
  // Served from public/; favicon.ico is for browsers that ignore SVG icons.
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '16x16 32x32' },
    ],
  },
  // robots.txt disallows everything; this also covers crawlers that reach a page through a link.
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        {children}
        <HydrationMark />
      </body>
    </html>
  );
}
