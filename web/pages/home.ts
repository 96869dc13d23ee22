// The home page: links to the four pages, and the kernel status.
import '../../src/browser.js';
import { startShell } from '../ui/shell.js';

startShell();
