/*
 * The trace viewer: the list of recent traces and, for the one picked, its spans as a waterfall.
 * Everything comes from the endpoint that serves this page, asked for JSON. Span data is shown
 * through textContent only, never parsed as HTML: names and attributes come from requests.
 */
(function () {
	'use strict';

	// The page is served by the list operation, so its own path is the endpoint's.
	var endpoint = location.pathname.replace(/\/+$/, '');

	var dom = {
		usage: byId('usage'),
		refresh: byId('refresh'),
		filters: byId('filters'),
		name: byId('filter-name'),
		min: byId('filter-min'),
		errors: byId('filter-errors'),
		listHead: byId('list-head'),
		list: byId('trace-list'),
		banner: byId('banner'),
		placeholder: byId('placeholder'),
		trace: byId('trace'),
		traceHead: byId('trace-head'),
		waterfall: byId('waterfall'),
		details: byId('details')
	};

	var state = {
		traces: [],
		traceId: null,
		trace: null,
		spanId: null,
		collapsed: {}
	};

	function byId(id) {
		return document.getElementById(id);
	}

	function el(tag, className, text) {
		var element = document.createElement(tag);
		if (className) {
			element.className = className;
		}
		if (text !== undefined && text !== null) {
			element.textContent = String(text);
		}
		return element;
	}

	function append(parent) {
		for (var i = 1; i < arguments.length; i++) {
			if (arguments[i]) {
				parent.appendChild(arguments[i]);
			}
		}
		return parent;
	}

	// A click, or Enter or Space while it has the focus.
	function onActivate(element, action) {
		element.addEventListener('click', action);
		element.addEventListener('keydown', function (event) {
			if (event.key === 'Enter' || event.key === ' ') {
				event.preventDefault();
				action();
			}
		});
	}

	function clear(element) {
		while (element.firstChild) {
			element.removeChild(element.firstChild);
		}
	}

	// Fetching

	function getJson(url) {
		return fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
			.then(function (response) {
				if (response.status === 404) {
					return null;
				}
				if (!response.ok) {
					throw new Error(failure(response.status));
				}
				return response.json();
			});
	}

	function failure(status) {
		if (status === 401 || status === 403) {
			return 'The application refused to show the traces (HTTP ' + status + '): the endpoint is secured. '
				+ 'Sign in with a user allowed to read it, then refresh.';
		}
		return 'The application answered HTTP ' + status + ' when asked for the traces.';
	}

	function showProblem(error) {
		dom.banner.textContent = (error && error.message) ? error.message : String(error);
		dom.banner.hidden = false;
	}

	function query() {
		var parameters = [];
		var name = dom.name.value.trim();
		if (name) {
			parameters.push('name=' + encodeURIComponent(name));
		}
		var min = parseFloat(dom.min.value);
		if (min > 0) {
			parameters.push('minDuration=' + encodeURIComponent(min + 'ms'));
		}
		if (dom.errors.checked) {
			parameters.push('error=true');
		}
		return parameters.length ? '?' + parameters.join('&') : '';
	}

	function refresh() {
		dom.refresh.classList.add('busy');
		dom.banner.hidden = true;
		var loads = [loadList()];
		if (state.traceId) {
			loads.push(loadTrace(state.traceId));
		}
		return Promise.all(loads)
			.catch(showProblem)
			.then(function () {
				dom.refresh.classList.remove('busy');
			});
	}

	function loadList() {
		return getJson(endpoint + query()).then(function (list) {
			if (list) {
				state.traces = list.traces;
				renderUsage(list);
				renderList(list);
			}
		});
	}

	function loadTrace(traceId) {
		return getJson(endpoint + '/' + encodeURIComponent(traceId)).then(function (trace) {
			if (traceId !== state.traceId) {
				return;
			}
			if (!trace) {
				state.trace = null;
				showProblem(new Error('Trace ' + traceId + ' is no longer kept: newer traces took its place.'));
				renderTrace();
				return;
			}
			state.trace = trace;
			if (state.spanId && !trace.spans.some(function (span) { return span.spanId === state.spanId; })) {
				state.spanId = null;
			}
			renderTrace();
		});
	}

	// Formatting

	function duration(millis) {
		if (millis < 1) {
			var micros = millis * 1000;
			return (micros < 10 ? micros.toFixed(1) : Math.round(micros)) + ' \u00b5s';
		}
		if (millis < 10) {
			return millis.toFixed(2) + ' ms';
		}
		if (millis < 1000) {
			return millis.toFixed(1) + ' ms';
		}
		if (millis < 60000) {
			return (millis / 1000).toFixed(2) + ' s';
		}
		return (millis / 60000).toFixed(1) + ' min';
	}

	// Round values, written without trailing zeros: 250 ms, 1.5 s.
	function tickLabel(millis) {
		function trim(value, unit) {
			return parseFloat(value.toPrecision(3)) + ' ' + unit;
		}
		if (millis < 1) {
			return trim(millis * 1000, '\u00b5s');
		}
		return millis < 1000 ? trim(millis, 'ms') : trim(millis / 1000, 's');
	}

	function offset(millis) {
		return millis === 0 ? '0' : '+' + duration(millis);
	}

	function pad(number, width) {
		var text = String(number);
		while (text.length < width) {
			text = '0' + text;
		}
		return text;
	}

	function clock(iso) {
		var date = new Date(iso);
		var time = pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2)
			+ '.' + pad(date.getMilliseconds(), 3);
		var today = new Date();
		if (date.toDateString() === today.toDateString()) {
			return time;
		}
		return date.getFullYear() + '-' + pad(date.getMonth() + 1, 2) + '-' + pad(date.getDate(), 2) + ' ' + time;
	}

	function bytes(count) {
		if (count < 1024) {
			return count + ' B';
		}
		if (count < 1024 * 1024) {
			return (count / 1024).toFixed(count < 10240 ? 1 : 0) + ' KB';
		}
		return (count / 1024 / 1024).toFixed(1) + ' MB';
	}

	function plural(count, one, many) {
		return count + ' ' + (count === 1 ? one : many);
	}

	function kindClass(kind) {
		return 'kind-' + String(kind).toLowerCase();
	}

	// The list

	function renderUsage(list) {
		clear(dom.usage);
		function fact(value, text, warn) {
			var span = el('span', warn ? 'warn' : '');
			append(span, el('b', '', value), document.createTextNode(' ' + text));
			dom.usage.appendChild(span);
		}
		fact(list.keptTraces, 'of ' + list.maxTraces + ' traces kept');
		fact(bytes(list.memoryBytes), 'of ' + bytes(list.maxMemoryBytes));
		if (list.evictedTraces > 0) {
			fact(list.evictedTraces, 'older ' + (list.evictedTraces === 1 ? 'trace' : 'traces') + ' let go');
		}
		if (list.droppedSpans > 0) {
			fact(list.droppedSpans, (list.droppedSpans === 1 ? 'span' : 'spans')
				+ ' dropped: ended faster than kept', true);
		}
		if (list.spansNotKept > 0) {
			fact(list.spansNotKept, (list.spansNotKept === 1 ? 'span' : 'spans')
				+ ' not kept: trace over the memory limit', true);
		}
	}

	function renderList(list) {
		clear(dom.list);
		var filtered = query() !== '';
		dom.listHead.textContent = filtered
			? plural(list.traces.length, 'trace matches', 'traces match')
			: plural(list.traces.length, 'trace', 'traces') + ', newest first';
		if (!list.traces.length) {
			var empty = el('li', 'list-empty', filtered
				? 'No kept trace matches these filters.'
				: 'No traces yet. Send a request to the application, then refresh.');
			dom.list.appendChild(empty);
			return;
		}
		var longest = Math.max.apply(null, list.traces.map(function (trace) { return trace.durationMillis; }));
		list.traces.forEach(function (trace) {
			var item = el('li', 'trace-item' + (trace.error ? ' error' : '')
				+ (trace.traceId === state.traceId ? ' selected' : ''));
			item.tabIndex = 0;
			item.dataset.traceId = trace.traceId;
			item.dataset.name = trace.name;
			item.dataset.error = String(trace.error);
			item.setAttribute('aria-label', trace.name + ', ' + duration(trace.durationMillis)
				+ (trace.error ? ', error' : ''));
			var top = append(el('div', 'ti-top'), el('span', 'ti-name', trace.name),
				el('span', 'ti-duration', duration(trace.durationMillis)));
			var meta = el('div', 'ti-meta');
			append(meta, el('span', '', trace.service || 'unknown service'), el('span', 'dot', '\u00b7'),
				el('span', '', clock(trace.start)), el('span', 'dot', '\u00b7'),
				el('span', '', plural(trace.spanCount, 'span', 'spans')));
			if (trace.error) {
				meta.appendChild(el('span', 'badge error', 'error'));
			}
			if (trace.partial) {
				meta.appendChild(el('span', 'badge partial', 'partial'));
			}
			var bar = el('div', 'ti-bar');
			var fill = el('span');
			fill.style.width = (longest > 0 ? trace.durationMillis / longest * 100 : 100) + '%';
			bar.appendChild(fill);
			append(item, top, meta, bar);
			onActivate(item, function () {
				selectTrace(trace.traceId);
			});
			dom.list.appendChild(item);
		});
	}

	function selectTrace(traceId) {
		if (traceId !== state.traceId) {
			state.spanId = null;
			state.collapsed = {};
		}
		state.traceId = traceId;
		updateHash();
		Array.prototype.forEach.call(dom.list.children, function (item) {
			item.classList.toggle('selected', item.dataset.traceId === traceId);
		});
		dom.banner.hidden = true;
		return loadTrace(traceId).catch(showProblem);
	}

	// The trace

	function renderTrace() {
		var trace = state.trace;
		dom.placeholder.hidden = !!trace;
		dom.trace.hidden = !trace;
		if (!trace) {
			document.title = 'Traces \u00b7 tracekit';
			return;
		}
		document.title = trace.summary.name + ' \u00b7 tracekit';
		renderTraceHead(trace);
		renderWaterfall(trace);
		renderDetails();
	}

	function renderTraceHead(trace) {
		var summary = trace.summary;
		clear(dom.traceHead);
		var title = el('h1', 'trace-title');
		append(title, el('span', '', summary.name), summary.error ? el('span', 'badge error', 'error') : null,
			summary.partial ? el('span', 'badge partial', 'partial') : null);
		var errors = trace.spans.filter(function (span) { return span.status === 'ERROR'; }).length;
		var services = [];
		trace.resources.forEach(function (resource) {
			var service = resource['service.name'];
			if (service && services.indexOf(service) < 0) {
				services.push(service);
			}
		});
		var facts = el('dl', 'facts');
		fact(facts, 'Trace ID', summary.traceId, 'mono');
		fact(facts, 'Started', clock(summary.start));
		fact(facts, 'Duration', duration(summary.durationMillis));
		fact(facts, 'Spans', String(trace.spans.length)
			+ (trace.spansNotKept ? ' (' + trace.spansNotKept + ' not kept)' : ''));
		fact(facts, services.length > 1 ? 'Services' : 'Service', services.join(', ') || 'unknown');
		fact(facts, 'Errors', String(errors), errors ? 'error-count' : '');
		append(dom.traceHead, title, facts);
	}

	function fact(list, name, value, className) {
		var item = el('div');
		append(item, el('dt', '', name), el('dd', className || '', value));
		list.appendChild(item);
	}

	// Spans nested under their parents, children by start time; a span whose parent is not in the
	// trace (another process, or not ended yet) starts a tree of its own.
	function tree(spans) {
		var nodes = {};
		spans.forEach(function (span) {
			nodes[span.spanId] = { span: span, children: [] };
		});
		var roots = [];
		spans.forEach(function (span) {
			var parent = span.parentSpanId ? nodes[span.parentSpanId] : null;
			var node = nodes[span.spanId];
			node.parentKept = !!parent && parent.span !== span;
			(node.parentKept ? parent.children : roots).push(node);
		});
		return roots;
	}

	// Depth-first, with the guide each level draws: a line where an ancestor has siblings below.
	function flatten(roots) {
		var rows = [];
		function visit(node, depth, guides) {
			rows.push({ node: node, depth: depth, guides: guides });
			if (state.collapsed[node.span.spanId]) {
				return;
			}
			node.children.forEach(function (child, index) {
				var last = index === node.children.length - 1;
				var childGuides = guides.map(function (guide) {
					return guide === 'tee' ? 'line' : (guide === 'elbow' ? 'blank' : guide);
				});
				childGuides.push(last ? 'elbow' : 'tee');
				visit(child, depth + 1, childGuides);
			});
		}
		roots.forEach(function (root) {
			visit(root, 0, []);
		});
		return rows;
	}

	// Round steps (1, 2, 2.5 or 5 times a power of ten) giving four or five ticks.
	function ticks(total) {
		if (total <= 0) {
			return [0];
		}
		var rough = total / 4;
		var power = Math.pow(10, Math.floor(Math.log10(rough)));
		var step = [1, 2, 2.5, 5, 10].map(function (factor) { return factor * power; })
			.filter(function (candidate) { return candidate >= rough; })[0];
		var values = [];
		for (var value = 0; value <= total * 1.0001; value += step) {
			values.push(value);
		}
		return values;
	}

	function renderWaterfall(trace) {
		var total = trace.summary.durationMillis;
		clear(dom.waterfall);
		var axis = el('div', 'axis');
		var axisTrack = el('div', 'axis-track');
		var positions = [];
		ticks(total).forEach(function (value) {
			var position = total > 0 ? value / total * 100 : 0;
			var tick = el('span', 'tick' + (position > 92 ? ' last' : ''), value === 0 ? '0' : tickLabel(value));
			tick.style.left = position + '%';
			axisTrack.appendChild(tick);
			if (value > 0) {
				positions.push(position);
			}
		});
		append(axis, el('div', 'axis-label', 'Span'), axisTrack);
		dom.waterfall.appendChild(axis);
		flatten(tree(trace.spans)).forEach(function (entry) {
			dom.waterfall.appendChild(row(entry, total, trace, positions));
		});
	}

	function row(entry, total, trace, axisTicks) {
		var span = entry.node.span;
		var error = span.status === 'ERROR';
		var item = el('div', 'row ' + kindClass(span.kind) + (error ? ' error' : '')
			+ (span.spanId === state.spanId ? ' selected' : ''));
		item.tabIndex = 0;
		item.setAttribute('role', 'treeitem');
		item.setAttribute('aria-level', String(entry.depth + 1));
		item.dataset.spanId = span.spanId;
		item.dataset.parentSpanId = span.parentSpanId || '';
		item.dataset.depth = String(entry.depth);
		item.dataset.kind = span.kind;
		item.dataset.status = span.status;

		var label = el('div', 'label');
		var guides = el('span', 'guides');
		entry.guides.forEach(function (guide) {
			guides.appendChild(el('span', 'guide ' + guide));
		});
		var hasChildren = entry.node.children.length > 0;
		var collapsed = !!state.collapsed[span.spanId];
		var twisty = el('button', 'twisty' + (hasChildren ? '' : ' leaf'), collapsed ? '\u25b6' : '\u25bc');
		twisty.type = 'button';
		twisty.tabIndex = -1;
		twisty.setAttribute('aria-label', collapsed ? 'Expand' : 'Collapse');
		if (hasChildren) {
			item.setAttribute('aria-expanded', String(!collapsed));
			twisty.addEventListener('click', function (event) {
				event.stopPropagation();
				state.collapsed[span.spanId] = !collapsed;
				renderWaterfall(trace);
			});
		}
		var kind = el('span', 'badge kind', span.kind.toLowerCase());
		var name = el('span', 'span-name', span.name);
		name.title = span.name;
		append(label, guides, twisty, kind, name);
		if (span.parentSpanId && !entry.node.parentKept) {
			var away = el('span', 'remote-mark', span.remoteParent ? 'parent in another process' : 'parent not kept');
			away.title = 'Parent span ' + span.parentSpanId;
			label.appendChild(away);
		}
		if (error) {
			var mark = el('span', 'error-mark', '!');
			mark.title = 'Error' + (span.statusDescription ? ': ' + span.statusDescription : '');
			label.appendChild(mark);
		}

		var track = el('div', 'track');
		var left = total > 0 ? span.startOffsetMillis / total * 100 : 0;
		var width = total > 0 ? span.durationMillis / total * 100 : 100;
		var bar = el('div', 'bar');
		bar.style.left = left + '%';
		bar.style.width = width + '%';
		bar.title = span.name + ': ' + duration(span.durationMillis) + ', from ' + offset(span.startOffsetMillis);
		var barLabel = el('span', 'bar-label', duration(span.durationMillis));
		if (width >= 14) {
			barLabel.classList.add('inside');
			barLabel.style.left = left + '%';
		}
		else if (left + width > 80) {
			barLabel.classList.add('before');
			barLabel.style.left = left + '%';
		}
		else {
			barLabel.style.left = (left + width) + '%';
		}
		axisTicks.forEach(function (position) {
			var line = el('span', 'gridline');
			line.style.left = position + '%';
			track.appendChild(line);
		});
		append(track, bar, barLabel);
		span.events.forEach(function (event) {
			var marker = el('span', 'event-mark' + (event.name === 'exception' ? ' exception' : ''));
			marker.style.left = (total > 0 ? event.offsetMillis / total * 100 : 0) + '%';
			marker.title = event.name + ' at ' + offset(event.offsetMillis);
			track.appendChild(marker);
		});

		append(item, label, track);
		onActivate(item, function () {
			selectSpan(span.spanId);
		});
		item.addEventListener('keydown', function (event) {
			if (event.key === 'ArrowDown' && item.nextElementSibling) {
				event.preventDefault();
				item.nextElementSibling.focus();
			}
			else if (event.key === 'ArrowUp' && item.previousElementSibling
				&& item.previousElementSibling.classList.contains('row')) {
				event.preventDefault();
				item.previousElementSibling.focus();
			}
		});
		return item;
	}

	function selectSpan(spanId) {
		state.spanId = (state.spanId === spanId) ? null : spanId;
		updateHash();
		Array.prototype.forEach.call(dom.waterfall.querySelectorAll('.row'), function (row) {
			row.classList.toggle('selected', row.dataset.spanId === state.spanId);
		});
		renderDetails();
	}

	// The selected span

	function renderDetails() {
		var trace = state.trace;
		var span = trace && trace.spans.filter(function (candidate) { return candidate.spanId === state.spanId; })[0];
		clear(dom.details);
		dom.details.hidden = !span;
		if (!span) {
			return;
		}
		var error = span.status === 'ERROR';
		var head = el('div', 'details-head ' + kindClass(span.kind));
		var close = el('button', 'close', '\u00d7');
		close.type = 'button';
		close.title = 'Close';
		close.addEventListener('click', function () {
			selectSpan(span.spanId);
		});
		append(head, el('span', 'badge kind', span.kind.toLowerCase()), el('h2', '', span.name),
			error ? el('span', 'badge error', 'error') : (span.status === 'OK' ? el('span', 'badge ok', 'ok') : null),
			close);

		var facts = el('dl', 'facts');
		fact(facts, 'Span ID', span.spanId, 'mono');
		fact(facts, 'Parent', span.parentSpanId ? span.parentSpanId + (span.remoteParent ? ' (remote)' : '') : 'none: the root',
			span.parentSpanId ? 'mono' : '');
		fact(facts, 'Start', offset(span.startOffsetMillis));
		fact(facts, 'Duration', duration(span.durationMillis));
		var resource = trace.resources[span.resource] || {};
		fact(facts, 'Service', resource['service.name'] || 'unknown');
		fact(facts, 'Scope', span.scope);
		if (error || span.statusDescription) {
			fact(facts, 'Status', span.status + (span.statusDescription ? ': ' + span.statusDescription : ''),
				error ? 'error-count' : '');
		}

		var left = el('div');
		append(left, section('Attributes', Object.keys(span.attributes).length),
			table(span.attributes), dropped(span.droppedAttributes, 'attribute', 'attributes'));
		append(left, section('Events', span.events.length));
		if (!span.events.length) {
			left.appendChild(el('div', 'none', 'No events'));
		}
		span.events.forEach(function (event) {
			left.appendChild(eventBox(event));
		});
		append(left, dropped(span.droppedEvents, 'event', 'events'));

		var right = el('div');
		append(right, section('Resource', Object.keys(resource).length), table(resource));
		if (span.links.length || span.droppedLinks) {
			right.appendChild(section('Links', span.links.length));
			span.links.forEach(function (link) {
				var values = { 'trace id': link.traceId, 'span id': link.spanId };
				Object.keys(link.attributes).forEach(function (key) {
					values[key] = link.attributes[key];
				});
				right.appendChild(table(values));
			});
			append(right, dropped(span.droppedLinks, 'link', 'links'));
		}

		append(dom.details, head, facts, append(el('div', 'details-body'), left, right));
	}

	function section(title, count) {
		var heading = el('h3', '', title);
		heading.appendChild(el('span', 'count', String(count)));
		return heading;
	}

	function dropped(count, one, many) {
		return count > 0 ? el('p', 'dropped', plural(count, one, many) + ' dropped by the span limits') : null;
	}

	function table(values) {
		var keys = Object.keys(values).sort();
		if (!keys.length) {
			return el('div', 'none', 'None');
		}
		var list = el('dl', 'kv');
		keys.forEach(function (key) {
			var value = values[key];
			var type = Array.isArray(value) ? 'array' : typeof value;
			var text = Array.isArray(value) ? '[' + value.map(String).join(', ') + ']' : String(value);
			var entry = el('div', 'kv-entry');
			entry.dataset.key = key;
			append(entry, el('dt', '', key), el('dd', type, text));
			list.appendChild(entry);
		});
		return list;
	}

	function eventBox(event) {
		var exception = event.name === 'exception';
		var box = el('div', 'event' + (exception ? ' exception' : ''));
		append(box, append(el('div', 'event-head'), el('span', '', event.name),
			el('span', 'event-time', 'at ' + offset(event.offsetMillis))));
		var attributes = {};
		Object.keys(event.attributes).forEach(function (key) {
			if (key !== 'exception.stacktrace') {
				attributes[key] = event.attributes[key];
			}
		});
		box.appendChild(table(attributes));
		if (event.attributes['exception.stacktrace']) {
			box.appendChild(el('pre', 'stack', event.attributes['exception.stacktrace']));
		}
		append(box, dropped(event.droppedAttributes, 'attribute', 'attributes'));
		return box;
	}

	// Navigation: the hash names the trace and span, so a link or a reload shows the same thing.

	function updateHash() {
		var hash = state.traceId ? '#trace=' + state.traceId + (state.spanId ? '&span=' + state.spanId : '') : '';
		if (location.hash !== hash) {
			history.replaceState(null, '', hash || location.pathname + location.search);
		}
	}

	function readHash() {
		var values = {};
		location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
			var parts = pair.split('=');
			if (parts[0]) {
				values[parts[0]] = decodeURIComponent(parts[1] || '');
			}
		});
		state.traceId = values.trace || null;
		state.spanId = values.span || null;
	}

	var filterTimer;
	function filtersChanged() {
		clearTimeout(filterTimer);
		filterTimer = setTimeout(function () {
			loadList().catch(showProblem);
		}, 200);
	}

	dom.refresh.addEventListener('click', refresh);
	dom.filters.addEventListener('submit', function (event) {
		event.preventDefault();
		loadList().catch(showProblem);
	});
	dom.name.addEventListener('input', filtersChanged);
	dom.min.addEventListener('input', filtersChanged);
	dom.errors.addEventListener('change', filtersChanged);
	document.addEventListener('keydown', function (event) {
		var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
		if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === 'r' || event.key === 'R')) {
			event.preventDefault();
			refresh();
		}
	});

	readHash();
	refresh();
}());
