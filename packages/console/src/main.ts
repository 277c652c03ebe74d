// The console's entry: defines <mahjar-console> (index.html holds one).
import './console-app.js';
