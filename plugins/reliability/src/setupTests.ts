import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole pages render in a few hundred milliseconds on an idle machine but
// can take seconds on a loaded CI machine with two cores. Waiting longer
// changes no assertion: a test still fails when the element never appears.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
