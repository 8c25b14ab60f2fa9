import { workloadRoute } from '@/components/workload-detail-page';

const route = workloadRoute('daemonsets');
export const generateMetadata = route.generateMetadata;
export default route.Page;
